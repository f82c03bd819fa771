"""Stakeholders (ذی‌نفعان) as their own kind: groups or bodies a plan must hear, never agencies and
never the receiver of a request (issue #19.3; seeds 001 and 003).

Kept in its own module (not ``enums.py``/``models.py``) so the other helpers' additions there never
collide with it. Scores are whole numbers 1..5 (1 very low, 5 very high), the scale of the
seed-003 style stakeholder analysis; the power/interest grid (Mendelow) calls a score of
``HIGH`` (3) or more high, so the middle of the scale counts as high.
"""

from enum import Enum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from service.domain.fields import Code, EntityId, IsoDate, Label, Text
from service.domain.models import Input, patch_of

HIGH = 3  # a score of 3..5 is high on the grid, 1..2 low
Score = Annotated[int, Field(ge=1, le=5)]


class StakeholderType(str, Enum):
    """The six stakeholder groups of Mashhad's mid-term plan (seed 001)."""

    CITIZENS = "citizens"
    CIVIL_SOCIETY = "civil_society"  # NGOs and formal and informal associations
    URBAN_ELITES = "urban_elites"
    CITY_COUNCIL = "city_council"
    MUNICIPAL_STAFF = "municipal_staff"
    PROVINCIAL_AGENCIES = "provincial_agencies"  # other executive agencies in the province


TYPE_FA = {
    "citizens": "شهروندان", "civil_society": "نهادهای مردمی و انجمن‌ها", "urban_elites": "نخبگان شهری",
    "city_council": "شورای اسلامی شهر", "municipal_staff": "بدنه شهرداری",
    "provincial_agencies": "سایر دستگاه‌های اجرایی استان",
}  # fmt: skip
# who each type is in the beneficiary vocabulary of the analyses (service/analysis/vocab/data/beneficiaries.csv):
# the duties whose beneficiaries fall under these codes are the ones that serve the stakeholder
TYPE_BENEFICIARIES: dict[str, tuple[str, ...]] = {
    "citizens": ("residents",), "civil_society": ("ngos",), "urban_elites": ("urban_elites",),
    "city_council": ("city_council",), "municipal_staff": ("municipal_staff",),
    "provincial_agencies": ("executive_agencies",),
}  # fmt: skip


class EngagementKind(str, Enum):
    """How a stakeholder was engaged (seed 001's nine information sources, as kinds of contact)."""

    MEETING = "meeting"
    CONSULTATION = "consultation"
    INTERVIEW = "interview"
    SURVEY = "survey"
    WORKSHOP = "workshop"  # a discourse session (نشست گفتمانی)
    COMPLAINT = "complaint"


ENGAGEMENT_FA = {"meeting": "جلسه", "consultation": "مشورت", "interview": "مصاحبه", "survey": "نظرسنجی",
                 "workshop": "نشست گفتمانی", "complaint": "شکایت"}  # fmt: skip


class Sentiment(str, Enum):
    """The stakeholder's stance as the engagement showed it."""

    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    OPPOSED = "opposed"


SENTIMENT_FA = {"supportive": "حامی", "neutral": "بی‌طرف", "opposed": "مخالف"}


class CommitmentStatus(str, Enum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"


COMMITMENT_FA = {"open": "باز", "kept": "عمل‌شده", "broken": "عمل‌نشده"}


def _known_beneficiaries(values: list[str]) -> list[str]:
    from service.analysis.vocab.beneficiaries import beneficiaries

    known = beneficiaries()
    for value in values:
        if value not in known.parent and not known.parent_of(value):
            raise ValueError(f"{value!r} is not a beneficiary code (e.g. residents, ngos, municipal_staff)")
    return values


class StakeholderIn(Input):
    id: EntityId | None = None
    nameFa: Label
    nameEn: Label | None = None
    type: StakeholderType
    descriptionFa: Text | None = None
    power: Score
    interest: Score
    influence: Score
    # who the stakeholder is in the analyses' beneficiary vocabulary; left empty, the type's codes
    beneficiaries: list[Code] = Field(default_factory=list)
    fictional: bool = False
    issueIds: list[EntityId] = Field(default_factory=list)  # issues it raised (or that were raised for it)
    dutyIds: list[EntityId] = Field(default_factory=list)  # duties that serve it
    planIds: list[EntityId] = Field(default_factory=list)  # city plans that affect it
    workingGroupIds: list[EntityId] = Field(default_factory=list)  # working groups it takes part in

    @field_validator("beneficiaries")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        return _known_beneficiaries(values)

    @model_validator(mode="after")
    def _defaults(self) -> "StakeholderIn":
        for name in ("issueIds", "dutyIds", "planIds", "workingGroupIds"):
            setattr(self, name, sorted(set(getattr(self, name))))  # the statement counts what it found
        if not self.beneficiaries:
            self.beneficiaries = list(TYPE_BENEFICIARIES[str(self.type)])
        return self


_StakeholderPatch = patch_of(StakeholderIn, "nameFa", "nameEn", "type", "descriptionFa", "power", "interest", "influence",
                             "beneficiaries", "fictional")


class StakeholderPatch(_StakeholderPatch):  # type: ignore[misc,valid-type]
    @field_validator("beneficiaries")
    @classmethod
    def _codes(cls, values: list[str] | None) -> list[str] | None:
        return None if values is None else _known_beneficiaries(values)


class StakeholderLinks(Input):
    """The links to set (each list given replaces that kind of link; None leaves it)."""

    issueIds: list[EntityId] | None = None
    dutyIds: list[EntityId] | None = None
    planIds: list[EntityId] | None = None
    workingGroupIds: list[EntityId] | None = None


class EngagementIn(Input):
    id: EntityId | None = None
    stakeholderId: EntityId
    kind: EngagementKind
    date: IsoDate
    noteFa: Text = Field(min_length=1)
    agencyId: EntityId | None = None  # the agency that held it (an agency's own entries: itself)
    commitmentId: EntityId | None = None  # the commitment it follows up
    sentiment: Sentiment | None = None


class CommitmentIn(Input):
    id: EntityId | None = None
    stakeholderId: EntityId
    textFa: Text = Field(min_length=1)
    ownerId: EntityId  # the agency that must keep it
    dueDate: IsoDate
    madeOn: IsoDate | None = None

    @model_validator(mode="after")
    def _order(self) -> "CommitmentIn":
        if self.madeOn and self.madeOn > self.dueDate:
            raise ValueError("dueDate: the due date is before the day the commitment was made")
        return self


def quadrant(power: int, interest: int) -> str:
    """Mendelow's grid: manage closely (both high), keep satisfied (power only), keep informed
    (interest only), monitor (neither)."""
    if power >= HIGH:
        return "manage_closely" if interest >= HIGH else "keep_satisfied"
    return "keep_informed" if interest >= HIGH else "monitor"


QUADRANT_FA = {"manage_closely": "مدیریت نزدیک", "keep_satisfied": "راضی نگه‌داشتن",
               "keep_informed": "در جریان نگه‌داشتن", "monitor": "پایش"}  # fmt: skip
QUADRANT_EN = {"manage_closely": "Manage closely", "keep_satisfied": "Keep satisfied",
               "keep_informed": "Keep informed", "monitor": "Monitor"}  # fmt: skip
