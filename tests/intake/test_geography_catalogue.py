"""Issue 19 items 4 and 5: the shared geography as a tree; the innovation office's catalogue of
knowledge-based products (capacities of kind PRODUCT in four innovation centres) and the planners' club."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import load_workbook

from tests.conftest import GraphQL

TREE = """query($r: String) { geography(code: $r) { code kind nameFa children { code kind nameFa nameEn
  children { code kind nameFa } } } }"""
PRODUCTS = """query($f: ProductFilter, $n: Int) { knowledgeProducts(filter: $f, first: $n) { totalCount
  nodes { id titleFa kind innovationCentre innovationCentreFa agency { id fictional kind } } } }"""


def test_geography_tree_has_the_province_the_city_its_13_districts_and_samen(demo: GraphQL) -> None:
    province = demo.ok(TREE)["geography"]
    assert (province["code"], province["kind"], province["nameFa"]) == ("province", "province", "استان خراسان رضوی")
    city = next(c for c in province["children"] if c["code"] == "city")
    assert city["nameFa"] == "مشهد" and city["kind"] == "city"
    districts = [d["code"] for d in city["children"]]
    assert districts == [f"D{i}" for i in range(1, 14)] + ["samen"]
    assert next(d for d in city["children"] if d["code"] == "samen")["nameFa"] == "منطقه ثامن"
    assert {c["kind"] for c in province["children"]} == {"city"} and len(province["children"]) > 10
    # the same codes agencies carry: every demo district office's code is a leaf under the city
    offices = demo.ok('{ agencies(filter: {jurisdiction: DISTRICT}, first: 100) { nodes { geographyCode } } }')
    assert {n["geographyCode"] for n in offices["agencies"]["nodes"]} == set(districts)
    whole = demo.ok(TREE, r="iran")["geography"]
    assert whole["code"] == "iran" and "province" in [c["code"] for c in whole["children"]]
    err = demo.errors(TREE, r="atlantis")[0]
    assert err["extensions"]["code"] == "VALIDATION" and "کد جغرافیا شناخته نیست" in err["extensions"]["messageFa"]


def test_products_are_searchable_by_centre_company_and_text(demo: GraphQL) -> None:
    centres = demo.ok("{ innovationCentres { code labelFa } }")["innovationCentres"]
    assert len(centres) == 4 and centres[1]["labelFa"] == "عمران، حمل‌ونقل و ترافیک"
    every = demo.ok(PRODUCTS, n=100)["knowledgeProducts"]
    assert every["totalCount"] == len(every["nodes"]) >= 12
    assert all(p["kind"] == "PRODUCT" and p["agency"]["kind"] == "KNOWLEDGE_BASED_FIRM" and p["agency"]["fictional"] for p in every["nodes"])
    for c in centres:
        some = demo.ok(PRODUCTS, f={"innovationCentre": c["code"]}, n=100)["knowledgeProducts"]
        assert some["totalCount"] >= 2 and {p["innovationCentreFa"] for p in some["nodes"]} == {c["labelFa"]}
    found = demo.ok(PRODUCTS, f={"q": "حفاري"})["knowledgeProducts"]["nodes"]  # Arabic ي finds Persian ی
    assert [p["id"] for p in found] == ["ca-kbp-excavation-map"]
    firm = demo.ok(PRODUCTS, f={"companyId": "ag-kbf-zaer"})["knowledgeProducts"]["nodes"]
    assert {p["innovationCentre"] for p in firm} == {"culture_society_pilgrimage"} and len(firm) == 2
    err = demo.errors(PRODUCTS, f={"innovationCentre": "mars"})[0]
    assert err["extensions"]["code"] == "VALIDATION" and "مرکز نوآوری شناخته نیست" in err["extensions"]["messageFa"]
    # an agency reads the catalogue (capacities are shared)
    agency = demo.as_role("agency", "ag-d9")
    assert agency.ok(PRODUCTS, n=100)["knowledgeProducts"]["totalCount"] == every["totalCount"]
    # the where filter knows the centre too
    where = demo.ok('{ capacities(where: {innovationCentre: "civil_transport"}) { totalCount } }')["capacities"]["totalCount"]
    assert where == demo.ok(PRODUCTS, f={"innovationCentre": "civil_transport"})["knowledgeProducts"]["totalCount"]


CREATE = "mutation($i: CapacityInput!) { createCapacity(input: $i) { id kind innovationCentre innovationCentreFa } }"


def test_only_a_product_has_an_innovation_centre(demo: GraphQL) -> None:
    base = {"agencyId": "ag-kbf-sabz", "titleFa": "پکیج نمونه", "kind": "EQUIPMENT", "innovationCentre": "services_urbanism"}
    err = demo.errors(CREATE, i=base)[0]
    assert err["extensions"]["code"] == "VALIDATION" and err["extensions"]["field"] == "innovationCentre"
    assert demo.errors(CREATE, i=base | {"kind": "PRODUCT", "innovationCentre": "mars"})[0]["extensions"]["field"] == "innovationCentre"
    made = demo.ok(CREATE, i=base | {"kind": "PRODUCT"})["createCapacity"]
    assert (made["kind"], made["innovationCentreFa"]) == ("PRODUCT", "خدمات شهری و شهرسازی")


CLUBS = "{ clubs { id nameFa memberCount foundedYear source agency { id } desks { code nameFa memberCount } } }"
UPSERT = """mutation($i: ClubInput!) { upsertClub(input: $i) { id memberCount desks { code memberCount } } }"""


def test_the_planners_club_has_600_members_in_six_desks(demo: GraphQL) -> None:
    club = demo.ok(CLUBS)["clubs"][0]
    assert (club["id"], club["memberCount"], club["foundedYear"], club["agency"]["id"]) == ("club-planners", 600, 1403, "ag-innovation")
    assert [d["nameFa"] for d in club["desks"]] == ["خدمات شهری", "برنامه‌ریزی و منابع انسانی", "شهرسازی", "عمران و حمل‌ونقل",
                                                    "فرهنگی", "مالی و اقتصادی"]
    assert all(d["memberCount"] is None for d in club["desks"]) and "۰۰۴" in club["source"]  # the seed gives no desk counts
    desk = {"code": "cultural", "nameFa": "فرهنگی", "memberCount": 40}
    club_in: dict[str, Any] = {"id": "club-planners", "agencyId": "ag-innovation", "nameFa": "باشگاه برنامه‌ریزان شهری",
                               "memberCount": 600, "desks": [desk]}
    assert demo.as_role("agency", "ag-innovation").errors(UPSERT, i=club_in)[0]["extensions"]["code"] == "FORBIDDEN"
    err = demo.errors(UPSERT, i=club_in | {"desks": [desk | {"memberCount": 700}]})[0]
    assert err["extensions"]["code"] == "VALIDATION" and "بیشترند" in err["extensions"]["messageFa"]
    assert demo.errors(UPSERT, i=club_in | {"agencyId": "ag-nowhere"})[0]["extensions"]["code"] == "NOT_FOUND"
    assert demo.ok(CLUBS)["clubs"][0]["desks"][0]["code"] == "urban_services"  # nothing changed by the refusals
    changed = demo.ok(UPSERT, i=club_in)["upsertClub"]
    assert changed["desks"] == [{"code": "cultural", "memberCount": 40}]  # desks left out are removed
    assert demo.ok('{ auditEvents(entity: "Club") { totalCount } }')["auditEvents"]["totalCount"] >= 2


def test_catalogue_exports_csv_and_xlsx_with_cells_made_safe(demo: GraphQL) -> None:
    demo.ok(CREATE, i={"agencyId": "ag-kbf-dadeh", "titleFa": "=HYPERLINK(\"http://x\")", "kind": "PRODUCT",
                       "innovationCentre": "management_economy_smart"})  # fmt: skip
    response = demo.get("/catalogue.csv", params={"centre": "management_economy_smart"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == demo.ok(PRODUCTS, f={"innovationCentre": "management_economy_smart"})["knowledgeProducts"]["totalCount"]
    assert any(r["titleFa"].startswith("'=HYPERLINK") for r in rows)  # a formula is text in the sheet
    assert {r["companyFictional"] for r in rows} == {"True"} and {r["innovationCentreFa"] for r in rows} == {"مدیریت، اقتصاد و هوشمندسازی"}
    book = load_workbook(io.BytesIO(demo.get("/catalogue.xlsx").content))
    sheet = book["products"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["id", "titleFa", "titleEn"] and sheet.max_row - 1 >= 13 and sheet.sheet_view.rightToLeft
    assert demo.as_role("agency", "ag-d9").get("/catalogue.csv").status_code == 403
