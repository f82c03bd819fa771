"""The four entry forms (request, capacity, need, issue): their fields, and how a posted form
becomes the same pydantic input GraphQL builds, with errors mapped back onto the fields.

The owning agency is never a form field: it is the signed-in agency, and policy.require_write
still checks it, exactly as the GraphQL creator does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from service.domain import enums as e
from service.domain.actor import Actor
from service.errors import ServiceError, from_validation
from service.portal.i18n import Lang
from service.registry import specs
from service.registry.clock import today_iso
from service.registry.specs import EntitySpec

Widget = Literal["text", "textarea", "date", "number", "select", "multi", "picker"]  # picker: type to search a list


@dataclass(frozen=True)
class Field:
    name: str
    widget: Widget = "text"
    required: bool = False
    choices: str | None = None  # a key of the choices the page supplies


@dataclass(frozen=True)
class FormSpec:
    """One form: the entity it creates, who owns it, its fields and the defaults it fills in."""

    key: str
    spec: EntitySpec
    owner: str  # the input field set to the signed-in agency
    title: str  # i18n key of the heading
    fields: tuple[Field, ...]
    today: tuple[str, ...] = ()  # fields defaulting to today when left blank


_RESOURCE = (Field("titleFa", required=True), Field("titleEn"), Field("descriptionFa", "textarea"),
             Field("kind", "select", True, "resourceKind"), Field("quantity", "number"), Field("unit"),
             Field("location"))  # fmt: skip

FORMS: dict[str, FormSpec] = {
    "requests": FormSpec("request", specs.REQUEST, "senderId", "new_request", (
        Field("receiverId", "picker", True, "receivers"), Field("subject", required=True),
        Field("body", "textarea"), Field("aboutId", "select", False, "about"), Field("dueDate", "date"),
    ), today=("filedOn",)),
    "capacities": FormSpec("capacity", specs.CAPACITY, "agencyId", "new_capacity", (*_RESOURCE,
        Field("availableFrom", "date"), Field("availableTo", "date"), Field("costRials", "number"),
    )),
    "needs": FormSpec("need", specs.NEED, "agencyId", "new_need", (*_RESOURCE,
        Field("neededFrom", "date"), Field("neededTo", "date"), Field("valueRials", "number"),
    )),
    "issues": FormSpec("issue", specs.ISSUE, "raisedById", "new_issue", (
        Field("titleFa", required=True), Field("descriptionFa", "textarea"),
        Field("concernsIds", "multi", True, "agencies"), Field("category", "select", True, "issueCategory"),
        Field("severity", "select", True, "severity"), Field("raisedOn", "date"),
        Field("source", "select", False, "issueSource"), Field("level", "select", False, "issueLevel"),  # issue 19 item 2
    ), today=("raisedOn",)),
}  # fmt: skip

ENUM_CHOICES: dict[str, list[str]] = {
    "resourceKind": [k.value for k in e.ResourceKind],
    "issueCategory": [k.value for k in e.IssueCategory],
    "severity": [k.value for k in e.Severity],
    "issueLevel": [k.value for k in e.IssueLevel],
}


@dataclass
class FormState:
    """What the page shows: the values as typed and one message per field at fault."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.general)

    def add(self, form: FormSpec, name: str | None, message: str) -> None:
        """File a message under its field when the form has one, else at the top."""
        base = (name or "").split(".")[0]
        if base in {f.name for f in form.fields}:
            self.errors.setdefault(base, message)
        else:
            self.general.append(message)

    def add_service_error(self, form: FormSpec, exc: ServiceError, lang: Lang) -> None:
        if exc.code == "VALIDATION" and isinstance(exc.details, list):
            for problem in exc.details:
                self.add(form, problem.get("field"), problem["messageEn" if lang == "en" else "messageFa"])
        else:
            self.add(form, exc.field, exc.message_en if lang == "en" else exc.message_fa)


def read_values(form: FormSpec, posted: Any) -> dict[str, Any]:
    """The posted fields as typed (lists for multi-selects), for redisplay and for the input."""
    values: dict[str, Any] = {}
    for f in form.fields:
        if f.widget == "multi":
            values[f.name] = [str(v).strip() for v in posted.getlist(f.name) if str(v).strip()]
        else:
            values[f.name] = str(posted.get(f.name) or "").strip()
    return values


def build_input(
    form: FormSpec, values: Mapping[str, Any], actor: Actor, lang: Lang
) -> tuple[BaseModel | None, FormState]:
    """The validated pydantic input (None on errors) and the state to redisplay."""
    state = FormState(values=dict(values))
    data: dict[str, Any] = {k: v for k, v in values.items() if v not in ("", [], None)}
    data[form.owner] = actor.agency_id
    for name in form.today:
        data.setdefault(name, today_iso())
    try:
        model = form.spec.create_model.model_validate(data)
    except ValidationError as exc:
        state.add_service_error(form, from_validation(exc), lang)
        return None, state
    return model, state
