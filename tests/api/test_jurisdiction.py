"""Issue 19, item 4: each body's tier of government and geography, separate from its place in the
municipality (``level``); and item 6: Samen and the invented names of the demo, flagged."""

from __future__ import annotations

from tests.conftest import GraphQL

CREATE = """mutation($input: AgencyInput!) { createAgency(input: $input) {
  id level jurisdiction jurisdictionFa geographyCode fictional version } }"""


def test_tier_and_geography_are_stored_filtered_and_patched(registry: GraphQL) -> None:
    gov = registry.ok(CREATE, input={"code": "GOV", "nameFa": "استانداری", "kind": "GOVERNMENT_AGENCY",
                                     "level": "EXTERNAL", "jurisdiction": "PROVINCIAL", "geographyCode": "province"})
    assert gov["createAgency"]["jurisdiction"] == "PROVINCIAL"
    assert gov["createAgency"]["jurisdictionFa"] == "استانی"
    assert gov["createAgency"]["geographyCode"] == "province"
    assert gov["createAgency"]["fictional"] is False
    # left out, the tier follows from the place inside the municipality: a district office is district
    d9 = registry.ok(CREATE, input={"code": "D9", "nameFa": "شهرداری منطقه ۹", "kind": "DISTRICT",
                                    "level": "DISTRICT", "geographyCode": "D9"})["createAgency"]
    assert d9["jurisdiction"] == "DISTRICT"
    firm = registry.ok(CREATE, input={"code": "KBF", "nameFa": "شرکت نمونه", "kind": "KNOWLEDGE_BASED_FIRM",
                                      "level": "EXTERNAL", "fictional": True})["createAgency"]
    assert firm["jurisdiction"] is None and firm["fictional"] is True
    q = "query($f: AgencyFilter) { agencies(filter: $f) { totalCount nodes { code } } }"
    provincial = registry.ok(q, f={"jurisdiction": "PROVINCIAL"})["agencies"]
    assert [n["code"] for n in provincial["nodes"]] == ["GOV"] and provincial["totalCount"] == 1
    assert registry.ok(q, f={"jurisdiction": "DISTRICT", "level": "DISTRICT"})["agencies"]["totalCount"] == 1
    assert registry.ok(q, f={"jurisdiction": "NATIONAL"})["agencies"]["totalCount"] == 0
    patch = """mutation($id: ID!, $v: Int!) { updateAgency(id: $id, expectedVersion: $v,
      input: {jurisdiction: NATIONAL, geographyCode: "iran"}) { jurisdiction geographyCode } }"""
    moved = registry.ok(patch, id=firm["id"], v=firm["version"])["updateAgency"]
    assert moved == {"jurisdiction": "NATIONAL", "geographyCode": "iran"}
    assert registry.ok(q, f={"jurisdiction": "NATIONAL"})["agencies"]["totalCount"] == 1


def test_unknown_geography_code_is_refused_in_both_languages(registry: GraphQL) -> None:
    body = registry(CREATE, input={"code": "X", "nameFa": "ناشناخته", "kind": "NGO", "level": "EXTERNAL",
                                   "geographyCode": "D99x"})
    err = body["errors"][0]
    assert err["extensions"]["code"] == "VALIDATION"
    assert "geographyCode" in err["extensions"]["field"]
    assert "unknown geography code" in err["message"]
    assert "کد جغرافیا شناخته نیست" in err["extensions"]["messageFa"]
    assert registry.ok("{ agencies { totalCount } }")["agencies"]["totalCount"] == 0  # nothing stored
