"""The thesaurus is editable through the API: a directorate officer adds a synonym (audited), the next
analysis uses it; analysts read it; bad terms are refused in Persian and English."""

from __future__ import annotations

from tests.conftest import GraphQL

PAIR = """{ analyses { duplication { findings(first: 5000) { dutyAId dutyBId classification } } } }"""
ADD = """mutation($c: String!, $l: String!, $b: String) { addVocabularyTerm(concept: $c, label: $l, broader: $b) {
  id concept label broader by at } }"""


def _class_of(demo: GraphQL, a: str, b: str) -> str | None:
    for f in demo.ok(PAIR)["analyses"]["duplication"]["findings"]:
        if {f["dutyAId"], f["dutyBId"]} == {a, b}:
            return str(f["classification"])
    return None


def _duty(demo: GraphQL, agency: str, title: str) -> str:
    created = demo.ok("""mutation($a: String!, $t: String!) { createDuty(input: {agencyId: $a, titleFa: $t,
        functionCode: "05.4", beneficiaries: ["residents"], geography: ["D3"]}) { id } }""", a=agency, t=title)
    return str(created["createDuty"]["id"])


def test_a_synonym_added_through_the_api_makes_duties_meet(demo: GraphQL) -> None:
    a = _duty(demo, "ag-d3", "آبیاری و نگهداری فضای سبز محله‌ها")
    b = _duty(demo, "ag-parks", "نگهداری نیلوفرزارها")
    assert _class_of(demo, a, b) == "FRAGMENTATION"  # «نیلوفرزار» means nothing to the shipped thesaurus

    analyst = demo.as_role("analyst")
    refused = analyst(ADD, c="obj.green", l="نیلوفرزار")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    term = demo.ok(ADD, c="obj.green", l="نیلوفرزار")["addVocabularyTerm"]
    assert term["concept"] == "obj.green" and term["by"] and term["at"]
    assert _class_of(demo, a, b) == "DUPLICATION"

    listed = analyst.ok("query($t: String!) { analyses { vocabularyTerms { concept label } concepts(text: $t) { id labelFa } } }",
                        t="نیلوفرزارها")
    assert {"concept": "obj.green", "label": "نیلوفرزار"} in listed["analyses"]["vocabularyTerms"]
    assert [c["id"] for c in listed["analyses"]["concepts"]] == ["obj.green"]
    events = demo.ok('{ auditEvents(entity: "VocabularyTerm") { nodes { action entityId actor } } }')["auditEvents"]["nodes"]
    assert events and events[0]["action"] == "add_term" and events[0]["entityId"] == term["id"]


def test_new_concepts_need_a_broader_one_and_a_proper_id(demo: GraphQL) -> None:
    made = demo.ok(ADD, c="obj.greenhouse", l="گلخانه", b="obj.green")["addVocabularyTerm"]
    assert made["broader"] == "obj.green"
    concepts = demo.ok('{ analyses { concepts(text: "نگهداری گلخانه‌های شهری") { id } } }')["analyses"]["concepts"]
    assert "obj.greenhouse" in {c["id"] for c in concepts}
    for variables, field in (({"c": "obj.x", "l": "چیزی"}, "broader"), ({"c": "Green House", "l": "گلخانه", "b": "obj.green"}, "concept"),
                             ({"c": "obj.green", "l": "  "}, "label"), ({"c": "obj.green", "l": "باغچه", "b": "obj.park"}, "broader")):
        bad = demo(ADD, **variables)
        error = bad["errors"][0]
        assert error["extensions"]["code"] == "VALIDATION" and error["extensions"]["field"] == field, error
        assert error["extensions"]["messageFa"]


def test_free_text_maps_to_codes_with_suggestions(demo: GraphQL) -> None:
    agency = demo.as_role("agency", "ag-d9")  # whoever enters a duty gets the codes
    q = """query($t: String!) { beneficiarySuggestions(text: $t) { code labelFa exact }
                                geographySuggestions(text: $t) { code labelFa exact } }"""
    residents = agency.ok(q, t="ساکنان منطقه ۹")
    assert residents["beneficiarySuggestions"][0] == {"code": "residents:D9", "labelFa": "ساکنان منطقه ۹", "exact": True}
    typed = agency.ok(q, t="منطقه ۹")["geographySuggestions"]
    assert typed[0] == {"code": "D9", "labelFa": "منطقه ۹", "exact": True}
    partial = agency.ok(q, t="عاب")["beneficiarySuggestions"]  # typing, not done yet
    assert "pedestrians" in [s["code"] for s in partial] and not any(s["exact"] for s in partial)
    assert agency.ok(q, t="نیشابور")["geographySuggestions"][0]["code"] == "neyshabur"
