"""GraphQL entry points of the analyses: a query namespace and the mutations that act on results."""

from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from service.analysis import runner
from service.analysis.opportunities import draft_requests
from service.analysis.verdicts import fingerprint, save_verdict
from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError
from service.graphql.types.analysis import (
    AlignmentReport,
    CityPlan,
    DuplicationReport,
    FindingOption,
    FindingVerdict,
    GenericReport,
    WinWinReport,
)  # fmt: skip
from service.graphql.types.common import from_row
from service.graphql.types.request import Request
from service.registry.specs import DUTY


@strawberry.enum(description="The directorate's judgement of a finding")
class Verdict(Enum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@strawberry.type(description="Duplicated work, win-win, mission alignment, follow-up, issue merging, collaboration")
class Analyses:
    """Reached through Query.analyses, which admits the directorate and analysts only; each runs on
    the request's repository, so it could only ever see what the reader may read."""

    @strawberry.field(description="Duty pairs of different agencies classified as duplication, overlap or fragmentation")
    async def duplication(self, info: Info) -> DuplicationReport:
        return DuplicationReport.of(await runner.duplication(info.context.repo, info.context.settings))

    @strawberry.field(description="Terms the directorate added to the shipped vocabularies, oldest first")
    async def vocabulary_terms(self, info: Info) -> "list[VocabularyTerm]":
        from service.analysis.vocab.terms import load_terms

        return [term_of(t) for t in await load_terms(info.context.repo.store)]

    @strawberry.field(description="The thesaurus concepts a text names (after normalisation and light stemming)")
    async def concepts(self, info: Info, text: str) -> "list[ThesaurusConcept]":
        from service.analysis.vocab.terms import load_terms, thesaurus_with

        t = thesaurus_with(await load_terms(info.context.repo.store))
        return [ThesaurusConcept(id=c, type=t.concepts[c].type, label_fa=t.label(c), broader=list(t.concepts[c].broader))
                for c in sorted(t.concepts_of(text))]  # fmt: skip

    @strawberry.field(description="Capacities answering needs and issues; reciprocal pairs, cycles and the best set")
    async def win_win(self, info: Info) -> WinWinReport:
        return WinWinReport.of(await runner.winwin(info.context.repo, info.context.settings))

    @strawberry.field(description="Exchanges and done requests checked against the provider's duties")
    async def alignment(self, info: Info) -> AlignmentReport:
        return AlignmentReport.of(await runner.alignment(info.context.repo, info.context.settings))

    @strawberry.field(description="The city's plans the alignment scores against (the store's; the shipped file when it holds none)")
    async def city_plans(self, info: Info) -> list[CityPlan]:
        from service.registry.city_plans import load_plans, shipped_plans

        return [CityPlan.of(p) for p in await load_plans(info.context.repo.store) or shipped_plans()]

    @strawberry.field(description="Open requests sender × receiver, overdue counts, median days to close")
    async def follow_up(self, info: Info) -> GenericReport:
        return GenericReport.of(await runner.followup(info.context.repo, info.context.settings))

    @strawberry.field(description="Near-identical issues of different agencies merged and ranked")
    async def issue_clusters(self, info: Info) -> GenericReport:
        return GenericReport.of(await runner.issues(info.context.repo, info.context.settings))

    @strawberry.field(description="Communities by exchange volume (suggested working groups) and brokers")
    async def collaboration(self, info: Info) -> GenericReport:
        return GenericReport.of(await runner.collaboration(info.context.repo, info.context.settings))


async def set_finding_verdict(info: Info, finding_id: strawberry.ID, verdict: Verdict, note: str | None = None,
                              option: FindingOption | None = None) -> FindingVerdict:  # fmt: skip
    """Confirm or dismiss a duplication finding, with the option chosen (GAO step 4; KEEP when the
    duplication is warranted); it holds until one of its duties changes."""
    require_role(info.context.actor, Role.DIRECTORATE)
    kind, _, rest = str(finding_id).partition(":")
    duty_ids = rest.split(":")
    if kind != "dup" or len(duty_ids) != 2:
        raise ServiceError("VALIDATION", "not a duplication finding id (dup:<duty>:<duty>)",
                           "شناسهٔ یافته نادرست است", field="findingId")  # fmt: skip
    found = await info.context.repo.get_many(DUTY, duty_ids)
    missing = [d for d in duty_ids if d not in found]
    if missing:
        raise ServiceError("NOT_FOUND", f"duty {missing[0]!r} does not exist", "وظیفه پیدا نشد", field="findingId", status=404)
    saved = await save_verdict(info.context.repo.store, str(finding_id), verdict.value,
                               fingerprint(found.values()), info.context.actor, note,
                               option.value if option is not None else None)  # fmt: skip
    return FindingVerdict(finding_id=strawberry.ID(saved.id), verdict=saved.verdict, fingerprint=saved.fingerprint,
                          by=saved.by, at=saved.at, note=saved.note,
                          option=FindingOption(saved.option) if saved.option else None)  # fmt: skip


@strawberry.enum(description="Which shipped vocabulary a term extends")
class VocabularyKind(Enum):
    THESAURUS = "thesaurus"
    GEOGRAPHY = "geography"
    BENEFICIARY = "beneficiary"


@strawberry.type(description="A term the directorate added to a vocabulary (audited): a synonym, or a new concept or code")
class VocabularyTerm:
    id: strawberry.ID
    kind: VocabularyKind
    concept: str = strawberry.field(description="the thesaurus concept, or the geography or beneficiary code")
    label: str
    broader: str | None
    by: str | None
    at: str | None


@strawberry.type(description="A thesaurus concept a text names")
class ThesaurusConcept:
    id: str
    type: str = strawberry.field(description="activity or object")
    label_fa: str
    broader: list[str]


def term_of(node: dict[str, Any]) -> VocabularyTerm:
    from service.analysis.vocab.terms import kind_of

    return VocabularyTerm(id=strawberry.ID(node["id"]), kind=VocabularyKind(kind_of(node)), concept=node["concept"],
                          label=node["label"], broader=node.get("broader"), by=node.get("by"), at=node.get("at"))  # fmt: skip


async def add_vocabulary_term(info: Info, concept: str, label: str, broader: str | None = None,
                              kind: VocabularyKind = VocabularyKind.THESAURUS) -> VocabularyTerm:  # fmt: skip
    """Add a Persian label (a synonym) to a thesaurus concept, geography code or beneficiary code, or a
    new concept/code under ``broader``; the analyses and suggestions use it from their next run.
    Directorate only; written with its audit event."""
    from service.analysis.vocab.terms import add_term

    require_role(info.context.actor, Role.DIRECTORATE)
    return term_of(await add_term(info.context.repo.store, info.context.actor, concept, label, broader, kind.value))


async def draft_opportunity_requests(info: Info, opportunity_id: strawberry.ID) -> list[Request]:
    """Turn a win-win opportunity into draft requests: each receiver asks its provider."""
    require_role(info.context.actor, Role.DIRECTORATE)
    result = await runner.winwin(info.context.repo, info.context.settings)
    rows = await draft_requests(info.context.repo, result, str(opportunity_id))
    return [from_row(Request, r) for r in rows]
