"""Popolo: organizations with both names, posts and memberships that resolve, per the schema."""

from __future__ import annotations

from service.interop.popolo import popolo_errors
from tests.conftest import GraphQL
from tests.interop.helpers import registry_bundle


def test_popolo_has_every_agency_group_post_and_membership(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    response = demo.get("/interop/export.popolo")
    assert response.status_code == 200
    document = response.json()
    assert popolo_errors(document) == []
    orgs = {o["id"]: o for o in document["organizations"]}
    assert orgs.keys() == {a["id"] for a in bundle["agencies"]} | {w["id"] for w in bundle["workingGroups"]}
    for a in bundle["agencies"]:
        names = {n["lang"]: n["name"] for n in orgs[a["id"]]["other_names"]}
        assert names == {"fa": a["nameFa"], "en": a["nameEn"]} and orgs[a["id"]].get("parent_id") == a.get("parentId")
        assert orgs[a["id"]]["area_id"] == a["geographyCode"]  # every demo body has its area (Samen: samen)
    members = {(w["id"], m["agencyId"], m["role"]) for w in bundle["workingGroups"] for m in w["members"]}
    assert {(m["organization_id"], m["member"]["id"], m["role"]) for m in document["memberships"]} == members
    posts = {p["id"]: p for p in document["posts"]}
    assert all(posts[m["post_id"]]["role"] == m["role"] for m in document["memberships"])
    assert {(w, r) for w, _, r in members} == {(p["organization_id"], p["role"]) for p in document["posts"]}


def test_the_popolo_check_is_real(demo: GraphQL) -> None:
    document = demo.get("/interop/export.popolo", params={"kind": "district"}).json()
    assert popolo_errors(document) == []
    document["organizations"][0]["other_names"][0]["lang"] = "Persian language"
    document["memberships"].append({"id": "m", "organization_id": "nowhere", "member": {"@type": "Organization", "id": "x"}})
    assert len(popolo_errors(document)) >= 2
