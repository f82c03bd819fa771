"""A small registry with three agencies and an agency token for each: ag-water provides, ag-parks
receives, ag-city is party to nothing (the stranger). Agreements are made over real GraphQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import GraphQL, make_token
from tests.factories import small_bundle

FIELDS = "id status version kind signedIds providerIds receiverIds signedOnJalali jalaliYear value"
STEP = "id kind status version byAgencyId answerIds reason onJalali value awaiting refId"
CREATE = f"""mutation($input: AgreementInput!) {{ createAgreement(input: $input) {{ {FIELDS} }} }}"""
SIGN = f"""mutation($id: ID!, $on: String, $for: ID, $v: Int) {{ signAgreement(id: $id, on: $on, forAgencyId: $for, expectedVersion: $v) {{ {FIELDS} }} }}"""
MOVE = f"""mutation($id: ID!, $to: AgreementStatus!, $comment: String, $for: ID) {{
  moveAgreement(id: $id, to: $to, comment: $comment, forAgencyId: $for) {{ {FIELDS} }} }}"""
ADD = """mutation($id: ID!, $input: AgreementStepInput!, $for: ID, $v: Int) {{
  {name}(agreementId: $id, input: $input, forAgencyId: $for, expectedVersion: $v) {{ agreement {{ {f} }} step {{ {s} }} }} }}"""
ANSWER = f"""mutation($id: ID!, $step: ID!, $answer: StepStatus!, $reason: String, $for: ID) {{
  answerAgreementStep(agreementId: $id, stepId: $step, answer: $answer, reason: $reason, forAgencyId: $for) {{
    agreement {{ {FIELDS} }} step {{ {STEP} }} }} }}"""


def add(name: str) -> str:
    return ADD.format(name=name, f=FIELDS, s=STEP)


@dataclass
class Parties:
    directorate: GraphQL
    provider: GraphQL  # ag-water
    receiver: GraphQL  # ag-parks
    stranger: GraphQL  # ag-city
    analyst: GraphQL

    def draft(self, **over: Any) -> dict[str, Any]:
        data = {"titleFa": "قرارداد تحویل پساب برای آبیاری", "kind": "SERVICE", "valueRials": 9_000_000_000,
                "periodFrom": "1405/01/01", "periodTo": "1405/12/29", "providerIds": ["ag-water"], "receiverIds": ["ag-parks"],
                "termsFa": "تحویل روزانهٔ ۳۰۰ مترمکعب پساب", **over}  # fmt: skip
        row: dict[str, Any] = self.provider.ok(CREATE, input=data)["createAgreement"]
        return row

    def active(self, **over: Any) -> dict[str, Any]:
        """A draft both sides signed and the provider activated."""
        row = self.draft(**over)
        self.provider.ok(SIGN, id=row["id"], on="1405/01/05")
        self.receiver.ok(SIGN, id=row["id"], on="1405/01/10")
        moved: dict[str, Any] = self.receiver.ok(MOVE, id=row["id"], to="ACTIVE")["moveAgreement"]
        return moved


@pytest.fixture()
def parties(registry: GraphQL) -> Parties:
    response = registry.post("/registry/import", files={"file": ("small.json", json.dumps(small_bundle()).encode())})
    assert response.status_code == 200, response.text
    return Parties(registry, registry.as_role("agency", "ag-water"), registry.as_role("agency", "ag-parks"),
                   registry.as_role("agency", "ag-city"), registry.as_role("analyst"))  # fmt: skip


def token_for(registry: GraphQL, agency: str) -> str:
    assert registry.settings is not None
    return make_token(registry.settings, "agency", agency)
