"""``where`` on the traversals that had none: an agency's working groups (filtered on the group)
and a working group's members (filtered on the member agency), for the directorate and an agency."""

from __future__ import annotations

from tests.conftest import GraphQL

GROUPS = """query($id: ID!, $w: WorkingGroupWhere) { agency(id: $id) { workingGroups(where: $w) { role group { id } } } }"""
MEMBERS = """query($id: ID!, $w: AgencyWhere) { workingGroup(id: $id) { members(where: $w) { agencyId role } } }"""


def _agency(registry: GraphQL, code: str, name: str, kind: str) -> str:
    made = registry.ok("mutation($i: AgencyInput!) { createAgency(input: $i) { id } }",
                       i={"code": code, "nameFa": name, "kind": kind, "level": "EXTERNAL"})  # fmt: skip
    return str(made["createAgency"]["id"])


def _group(registry: GraphQL, name: str, members: list[tuple[str, str]]) -> str:
    made = registry.ok("mutation($i: WorkingGroupInput!) { createWorkingGroup(input: $i) { id } }",
                       i={"nameFa": name, "members": [{"agencyId": a, "role": r} for a, r in members]})  # fmt: skip
    return str(made["createWorkingGroup"]["id"])


def test_working_groups_and_members_filter_with_where(registry: GraphQL) -> None:
    city = _agency(registry, "C", "شهرداری", "MUNICIPAL_DEPUTY")
    ngo = _agency(registry, "N", "انجمن آب", "NGO")
    firm = _agency(registry, "F", "شرکت پسماند", "KNOWLEDGE_BASED_FIRM")
    water = _group(registry, "کارگروه آب", [(city, "LEAD"), (ngo, "MEMBER")])
    waste = _group(registry, "کارگروه پسماند", [(city, "MEMBER"), (firm, "LEAD")])
    agency_reader = registry.as_role("agency", ngo)
    for reader in (registry, agency_reader):  # working groups are every agency's to read
        every = reader.ok(GROUPS, id=city)["agency"]["workingGroups"]
        assert {m["group"]["id"] for m in every} == {water, waste}
        kept = reader.ok(GROUPS, id=city, w={"nameFa_CONTAINS": "پسماند"})["agency"]["workingGroups"]
        assert kept == [{"role": "MEMBER", "group": {"id": waste}}]
        none = reader.ok(GROUPS, id=city, w={"members_SOME": {"kind": "UNIVERSITY"}})["agency"]["workingGroups"]
        assert none == []
        members = reader.ok(MEMBERS, id=water, w={"kind": "NGO"})["workingGroup"]["members"]
        assert members == [{"agencyId": ngo, "role": "MEMBER"}]
        assert len(reader.ok(MEMBERS, id=water)["workingGroup"]["members"]) == 2
        leads = reader.ok(MEMBERS, id=waste, w={"OR": [{"code": "F"}, {"nameFa_STARTS_WITH": "شهر"}]})["workingGroup"]["members"]
        assert {m["agencyId"] for m in leads} == {city, firm}
