#!/usr/bin/env python3
"""Consistency checker for the Hamahang demo data (stdlib only).

Usage:  python3 tools/check_demo.py      (from the repository root)

Loads service/data/cofog.json and service/data/demo.json, checks every
reference, enum value, Jalali date, COFOG function code and request
workflow, verifies the planted cases listed below, and prints counts.
Exit status 0 = all checks passed, 1 = at least one error.

PLANTED CASES (tests assert these ids)
--------------------------------------
Overlapping duties (same COFOG group, near-identical titles, same
beneficiaries, overlapping geography; "city" covers every district):
  (a) green space      du-d9-green          (ag-d9,            05.4, ["D9"])
                       du-parks-green       (ag-parks,         05.4, ["city"])
      titles: «نگهداری فضای سبز شهری» vs «نگهداري و آبياري فضاي سبز» (Arabic yeh U+064A)
  (b) surface water    du-services-drainage (ag-dep-services,  05.2, ["city"])
                       du-abfa-stormwater   (ag-abfa,          05.2, ["city"])
      titles: «دفع آب‌های سطحی و رفع آب‌گرفتگی معابر شهر» vs «جمع‌آوری و دفع آبهای سطحی و رفع آبگرفتگی معابر» (no ZWNJ in آبهای/آبگرفتگی)
  (c) traffic cameras  du-traffic-cameras   (ag-traffic,       03.1, ["city"])
                       du-police-cameras    (ag-police,        03.1, ["city"])
      titles: «پایش تصویری تردد و ثبت تخلفات رانندگی با دوربین‌های هوشمند» vs «نظارت تصویری بر تردد و ثبت تخلفات رانندگی»
  All three pairs also share beneficiaries; no other pair of duties of different agencies
  has both the same functionCode and a similar title.

Reciprocal capacity/need pair (agencies ag-ict <-> ag-abfa):
  ca-ict-gis          -> ne-abfa-gis          (ICT gives ABFA,  kind data)
  ca-abfa-sewer-ducts -> ne-ict-fiber-route   (ABFA gives ICT,  kind infrastructure)

Three-agency cycle (ag-waste -> ag-parks -> ag-fire -> ag-waste), no 2-cycle among them:
  ca-waste-compost    -> ne-parks-compost        (waste gives parks, kind service)
  ca-parks-land       -> ne-fire-land            (parks gives fire,  kind land)
  ca-fire-training    -> ne-waste-fire-training  (fire gives waste,  kind expertise)

Misaligned exchange (provider has no duty covering it; dutyId null):
  ex-fire-festival    ag-fire funds a street festival of ag-dep-social
                      (fire has only 03.2 duties; festival is 08.2)

Near-identical issue group (same problem, three different raisers):
  is-excavation-civil   (raised by ag-dep-civil)
  is-excavation-d10     (raised by ag-d10)
  is-excavation-council (raised by ag-council)

Capacities that match no need:
  ca-gas-hdd, ca-power-ev, ca-regwater-piezometers, ca-coord-platform,
  ca-d1-weekend-plot, ca-fum-interns, ca-rc-tents, ca-ict-datacenter
Needs nobody answers:
  ne-coord-excavation-plans, ne-gas-asphalt-plan, ne-fire-ladder,
  ne-ngo-elderly-transport, ne-power-pruning, ne-d9-dredging,
  ne-doe-landfill-data, ne-d5-funding, ne-innov-cowork
Other intended capacity -> need matches (one-way, no further cycles):
  ca-abfa-effluent->ne-parks-irrigation, ca-innov-club->ne-transport-expert,
  ca-innov-fund->ne-rahnegar-fund, ca-rahnegar-vision->ne-traffic-counting,
  ca-telecom-towers->ne-traffic-camera-sites, ca-traffic-feed->ne-police-camera-data,
  ca-police-crash-data->ne-transport-crash-data, ca-transport-od->ne-urban-travel-data,
  ca-fum-lab->ne-doe-water-testing, ca-gov-fund->ne-abfa-wsc-fund,
  ca-ngo-volunteers->ne-abfa-campaign, ca-d11-halls->ne-rc-classrooms,
  ca-rc-teams->ne-d8-relief-cover, ca-econ-land->ne-sabz-pilot-land,
  ca-sabz-greywater->ne-d13-greywater, ca-planning-reports->ne-council-reports,
  ca-doe-eia-experts->ne-civil-eia, ca-civil-patching->ne-d12-patching,
  ca-abnegar-leak->ne-abfa-leak, ca-ravayat-polling->ne-fum-polling,
  ca-beauty-artists->ne-d11-mural
  Every intended pair has the same kind AND the same unit, capacity quantity >= need
  quantity, and overlapping date windows; no other capacity/need pair (different
  agencies) satisfies all four of those conditions.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COFOG_PATH = os.path.join(ROOT, "service", "data", "cofog.json")
DEMO_PATH = os.path.join(ROOT, "service", "data", "demo.json")

AGENCY_KINDS = {"municipal_deputy", "district", "municipal_organisation", "government_agency",
                "utility_company", "university", "knowledge_based_firm", "ngo", "council",
                "stakeholder_group"}
MUNICIPAL_KINDS = {"municipal_deputy", "district", "municipal_organisation"}
LEVELS = {"headquarters", "organisation", "district", "external"}
RESOURCE_KINDS = {"equipment", "land", "building", "expertise", "data", "service",
                  "infrastructure", "funding"}
ISSUE_CATEGORIES = {"coordination", "infrastructure_conflict", "financial", "legal",
                    "data_sharing", "permits", "service_delivery"}
SEVERITIES = {"low", "medium", "high", "critical"}
ISSUE_STATUSES = {"open", "in_progress", "resolved", "closed"}
EXCHANGE_KINDS = {"financial", "service", "infrastructure"}
EXCHANGE_STATUSES = {"planned", "in_progress", "completed", "cancelled"}
WG_ROLES = {"lead", "member", "supervisor", "secretariat", "facilitator", "observer"}  # issue 19
OPEN_REQUEST_STATES = {"submitted", "acknowledged", "in_progress"}
# allowed request workflow transitions (from -> set of to)
TRANSITIONS = {
    "submitted": {"acknowledged", "withdrawn"},
    "acknowledged": {"in_progress", "rejected", "withdrawn"},
    "in_progress": {"done", "rejected", "withdrawn"},
    "done": set(), "rejected": set(), "withdrawn": set(),
}
OPTIONAL = {"budgetYears", "budgetRials", "quantityCommitted", "quantityMet", "valueSource",
            "level", "parentGroupId", "planId", "innovationCentre",
            "estimatedValueRials", "valuationMethod", "agreementId"}  # present only where the demo has them
ID_PREFIX = {"agencies": "ag-", "duties": "du-", "capacities": "ca-", "needs": "ne-",
             "issues": "is-", "exchanges": "ex-", "requests": "rq-", "workingGroups": "wg-"}
FIELDS = {
    "agencies": ["id", "code", "nameFa", "nameEn", "kind", "level", "parentId", "contactPhone",
                 "contactEmail", "contactAddress", "jurisdiction", "geographyCode", "fictional"],
    "duties": ["id", "agencyId", "supportAgencyIds", "titleFa", "titleEn", "descriptionFa",
               "descriptionEn", "functionCode", "beneficiaries", "geography", "legalBasis", "budgetYears",
               "budgetRials"],
    "capacities": ["id", "agencyId", "titleFa", "titleEn", "descriptionFa", "descriptionEn", "kind",
                   "quantity", "unit", "availableFrom", "availableTo", "location", "costRials",
                   "status", "quantityCommitted", "valueSource", "innovationCentre"],
    "needs": ["id", "agencyId", "titleFa", "titleEn", "descriptionFa", "descriptionEn", "kind",
              "quantity", "unit", "neededFrom", "neededTo", "location", "valueRials",
              "status", "quantityMet", "valueSource"],
    "issues": ["id", "raisedById", "concernsIds", "titleFa", "titleEn", "descriptionFa",
               "descriptionEn", "category", "severity", "status", "raisedOn", "blocksDutyId", "source", "level"],
    "exchanges": ["id", "kind", "providerId", "receiverId", "titleFa", "titleEn", "descriptionFa",
                  "amountRials", "date", "status", "dutyId", "contractRef", "estimatedValueRials", "valuationMethod", "agreementId"],
    "requests": ["id", "senderId", "receiverId", "aboutId", "subject", "body", "dueDate", "filedOn",
                 "history"],
    "workingGroups": ["id", "nameFa", "nameEn", "mandateFa", "mandateEn", "members", "dutyIds",
                      "level", "parentGroupId", "planId"],  # issue 19: where a group sits
}
REQUIRED_TEXT = {"nameFa", "nameEn", "titleFa", "titleEn", "descriptionFa", "descriptionEn",
                 "mandateFa", "mandateEn", "subject", "body"}

JURISDICTIONS = {"national", "provincial", "city", "district"}
ISSUE_SOURCES_CSV = "service/analysis/vocab/data/issue_sources.csv"  # seed 001's nine information sources
with open(ISSUE_SOURCES_CSV, encoding="utf-8") as _f:
    ISSUE_SOURCES = {line.split(",", 1)[0] for line in _f.read().splitlines()[1:] if line}
GEOGRAPHY_CSV = "service/analysis/vocab/data/geography.csv"  # the analyses' geography hierarchy
with open(GEOGRAPHY_CSV, encoding="utf-8") as _f:
    GEOGRAPHY = {line.split(",", 1)[0] for line in _f.read().splitlines()[1:] if line}
PLANTED_OVERLAPS = [("du-d9-green", "du-parks-green"),
                    ("du-services-drainage", "du-abfa-stormwater"),
                    ("du-traffic-cameras", "du-police-cameras")]
PLANTED_RECIPROCAL = [("ca-ict-gis", "ne-abfa-gis"), ("ca-abfa-sewer-ducts", "ne-ict-fiber-route")]
PLANTED_CYCLE = [("ca-waste-compost", "ne-parks-compost"), ("ca-parks-land", "ne-fire-land"),
                 ("ca-fire-training", "ne-waste-fire-training")]
PLANTED_MISALIGNED = ("ex-fire-festival", "08")  # exchange id, COFOG division of what it funds
PLANTED_ISSUE_GROUP = ["is-excavation-civil", "is-excavation-d10", "is-excavation-council"]

DATE_RE = re.compile(r"^(\d{4})/(\d{2})/(\d{2})$")
SLUG_RE = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
SNAKE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PERSIAN_RE = re.compile(r"[\u0600-\u06FF]")
JALALI_LEAP = {1399, 1403, 1408}  # leap years around the data range (Esfand has 30 days)
DATE_MIN, DATE_MAX = (1401, 1, 1), (1406, 12, 29)  # the demo runs to 1405 and its windows into 1406

errors = []


def err(msg):
    errors.append(msg)


def parse_date(value, where):
    """Return (y, m, d) for a valid Jalali 'YYYY/MM/DD' in range, else None (and record an error)."""
    if not isinstance(value, str):
        err(f"{where}: date must be a string, got {value!r}")
        return None
    m = DATE_RE.match(value)
    if not m:
        err(f"{where}: bad Jalali date format {value!r} (want YYYY/MM/DD, ASCII digits)")
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not 1 <= mo <= 12:
        err(f"{where}: bad month in {value!r}")
        return None
    max_day = 31 if mo <= 6 else 30 if mo <= 11 else (30 if y in JALALI_LEAP else 29)
    if not 1 <= d <= max_day:
        err(f"{where}: bad day in {value!r} (month {mo} has {max_day} days)")
        return None
    if not DATE_MIN <= (y, mo, d) <= DATE_MAX:
        err(f"{where}: date {value!r} outside 1401/01/01..1406/12/29")
        return None
    return (y, mo, d)


def check_cofog(cofog):
    if not isinstance(cofog, list):
        err("cofog.json: top level must be a list")
        return {}
    by_code = {}
    for i, row in enumerate(cofog):
        where = f"cofog[{i}]"
        for k in ("code", "parent", "nameEn", "nameFa"):
            if k not in row:
                err(f"{where}: missing {k}")
        code = row.get("code")
        if code in by_code:
            err(f"{where}: duplicate code {code}")
        by_code[code] = row
        if not isinstance(code, str) or not re.match(r"^(0[1-9]|10)(\.[1-9])?$", code):
            err(f"{where}: bad code {code!r}")
            continue
        if "." in code:
            if row.get("parent") != code.split(".")[0]:
                err(f"{where}: parent of {code} must be {code.split('.')[0]}")
        elif row.get("parent") is not None:
            err(f"{where}: division {code} must have parent null")
        if not PERSIAN_RE.search(row.get("nameFa") or ""):
            err(f"{where}: nameFa is not Persian")
        if not (row.get("nameEn") or "").strip():
            err(f"{where}: empty nameEn")
    divisions = sorted(c for c in by_code if "." not in c)
    if divisions != [f"{i:02d}" for i in range(1, 11)]:
        err(f"cofog.json: divisions must be 01..10, got {divisions}")
    for c, row in by_code.items():
        if "." in c and row.get("parent") not in by_code:
            err(f"cofog {c}: parent {row.get('parent')} missing")
    expected_groups = {"01": 8, "02": 5, "03": 6, "04": 9, "05": 6, "06": 6, "07": 6, "08": 6,
                       "09": 8, "10": 9}
    for div, n in expected_groups.items():
        got = sorted(c for c in by_code if c.startswith(div + "."))
        want = [f"{div}.{i}" for i in range(1, n + 1)]
        if got != want:
            err(f"cofog division {div}: groups {got} != {want}")
    return by_code


def windows_overlap(a_from, a_to, b_from, b_to):
    return None not in (a_from, a_to, b_from, b_to) and a_from <= b_to and b_from <= a_to


def check_stake(idx):
    """demo_stake.json: the six groups of seed 001, scores 1..5, every link to a record of the demo."""
    with open(os.path.join(ROOT, "service", "data", "demo_stake.json"), encoding="utf-8") as f:
        stake = json.load(f)
    rows = stake["stakeholders"]
    types = sorted(r["type"] for r in rows)
    want = sorted(["citizens", "civil_society", "urban_elites", "city_council", "municipal_staff", "provincial_agencies"])
    if types != want:
        err(f"demo_stake: the six stakeholder groups of seed 001, got {types}")
    with open(os.path.join(ROOT, "service", "data", "plans.json"), encoding="utf-8") as f:
        plans = {p["id"] for p in json.load(f)["plans"]}
    targets = {"issueIds": set(idx["issues"]), "dutyIds": set(idx["duties"]), "planIds": plans,
               "workingGroupIds": set(idx["workingGroups"])}
    for r in rows:
        for score in ("power", "interest", "influence"):
            if r.get(score) not in (1, 2, 3, 4, 5):
                err(f"{r['id']}: {score} must be 1..5")
        for field, known in targets.items():
            for ref in r.get(field, []):
                if ref not in known:
                    err(f"{r['id']}: {field} {ref} does not exist")
    ids = {r["id"] for r in rows}
    for c in stake["commitments"]:
        if c["stakeholderId"] not in ids or c["ownerId"] not in idx["agencies"]:
            err(f"{c['id']}: unknown stakeholder or owner")
    for e in stake["engagements"]:
        if e["stakeholderId"] not in ids or e.get("agencyId") not in idx["agencies"]:
            err(f"{e['id']}: unknown stakeholder or agency")


def main():
    with open(COFOG_PATH, encoding="utf-8") as f:
        cofog = json.load(f)
    with open(DEMO_PATH, encoding="utf-8") as f:
        demo = json.load(f)

    cofog_by_code = check_cofog(cofog)
    cofog_groups = {c for c in cofog_by_code if "." in c}

    # ---------- structure, ids ----------
    for key in FIELDS:
        if not isinstance(demo.get(key), list):
            err(f"demo.json: top-level key {key!r} missing or not a list")
            demo[key] = []
    extra = set(demo) - set(FIELDS)
    if extra:
        err(f"demo.json: unexpected top-level keys {sorted(extra)}")
    all_ids = {}
    idx = {}
    for key, rows in demo.items():
        if key not in FIELDS:
            continue
        idx[key] = {}
        for i, row in enumerate(rows):
            where = f"{key}[{i}]"
            missing = [f for f in FIELDS[key] if f not in row and f not in OPTIONAL]
            if missing:
                err(f"{where}: missing fields {missing}")
            unknown = [f for f in row if f not in FIELDS[key]]
            if unknown:
                err(f"{where}: unknown fields {unknown}")
            rid = row.get("id")
            if not isinstance(rid, str) or not SLUG_RE.match(rid) or not rid.startswith(ID_PREFIX[key]):
                err(f"{where}: bad id {rid!r} (want slug with prefix {ID_PREFIX[key]})")
            if rid in all_ids:
                err(f"{where}: duplicate id {rid} (also in {all_ids[rid]})")
            all_ids[rid] = key
            idx[key][rid] = row
            for f in REQUIRED_TEXT & set(FIELDS[key]):
                v = row.get(f)
                if key == "agencies" and row.get("kind") == "stakeholder_group" and f not in ("nameFa", "nameEn"):
                    continue
                if not isinstance(v, str) or not v.strip():
                    err(f"{where}: {f} must be a non-empty string")
                elif f.endswith("Fa") or f in ("subject", "body"):
                    if not PERSIAN_RE.search(v):
                        err(f"{where}: {f} is not Persian: {v[:40]!r}")
                elif f.endswith("En") and PERSIAN_RE.search(v):
                    err(f"{where}: {f} contains Persian letters")

    ag = idx["agencies"]
    du = idx["duties"]

    # ---------- agencies ----------
    district_codes = set()
    for aid, a in ag.items():
        if a.get("kind") not in AGENCY_KINDS:
            err(f"{aid}: bad kind {a.get('kind')!r}")
        if a.get("level") not in LEVELS:
            err(f"{aid}: bad level {a.get('level')!r}")
        p = a.get("parentId")
        if p is not None:
            if p not in ag:
                err(f"{aid}: parentId {p} does not exist")
            elif a.get("kind") not in MUNICIPAL_KINDS or ag[p].get("kind") not in MUNICIPAL_KINDS:
                err(f"{aid}: PART_OF (parentId) is for municipal bodies only")
        if a.get("kind") == "district":
            if a.get("level") != "district" or not re.match(r"^(D([1-9]|1[0-3])|SAMEN)$", a.get("code") or ""):
                err(f"{aid}: district must have level district and code D1..D13 or SAMEN")
            if a.get("jurisdiction") != "district":
                err(f"{aid}: a district's jurisdiction is district")
            district_codes.add(a.get("code"))
        if a.get("jurisdiction") not in JURISDICTIONS:
            err(f"{aid}: bad jurisdiction {a.get('jurisdiction')!r}")
        if a.get("geographyCode") not in GEOGRAPHY:
            err(f"{aid}: geographyCode {a.get('geographyCode')!r} is not in {GEOGRAPHY_CSV}")
        if not isinstance(a.get("fictional"), bool):
            err(f"{aid}: fictional must be true or false")
        if a.get("kind") == "knowledge_based_firm" and a.get("fictional") is not True:
            err(f"{aid}: the seeds name no knowledge-based firm: the demo's are invented and must say so")
        if a.get("kind") == "stakeholder_group" and (a.get("level") != "external" or p is not None):
            err(f"{aid}: stakeholder groups are external with no parent")
        if a.get("kind") not in MUNICIPAL_KINDS and a.get("level") != "external":
            err(f"{aid}: non-municipal body must have level external")
        # no PART_OF cycles
        seen, cur = set(), aid
        while cur is not None and cur in ag:
            if cur in seen:
                err(f"{aid}: parentId cycle")
                break
            seen.add(cur)
            cur = ag[cur].get("parentId")
    codes = [a.get("code") for a in ag.values()]
    if len(codes) != len(set(codes)):
        err("agencies: duplicate codes")
    if district_codes != {f"D{i}" for i in range(1, 14)} | {"SAMEN"}:
        err(f"agencies: district codes must be D1..D13 and SAMEN, got {sorted(district_codes)}")
    roots = [aid for aid, a in ag.items() if a.get("kind") in MUNICIPAL_KINDS and a.get("parentId") is None]
    if len(roots) != 1:
        err(f"agencies: expected exactly one municipal root, got {roots}")
    n_stake = sum(1 for a in ag.values() if a.get("kind") == "stakeholder_group")
    if n_stake != 0:
        err(f"agencies: stakeholder groups are Stakeholders now (demo_stake.json), not agencies: got {n_stake}")
    check_stake(idx)

    # ---------- duties ----------
    duties_by_agency = {}
    for did, d in du.items():
        a = d.get("agencyId")
        if a not in ag:
            err(f"{did}: agencyId {a} does not exist")
        elif ag[a].get("kind") == "stakeholder_group":
            err(f"{did}: stakeholder groups hold no duties")
        duties_by_agency.setdefault(a, []).append(did)
        sup = d.get("supportAgencyIds")
        if not isinstance(sup, list):
            err(f"{did}: supportAgencyIds must be a list")
        else:
            for s in sup:
                if s not in ag:
                    err(f"{did}: support agency {s} does not exist")
                if s == a:
                    err(f"{did}: agency supports its own duty")
        if d.get("functionCode") not in cofog_groups:
            err(f"{did}: functionCode {d.get('functionCode')!r} is not a COFOG group in cofog.json")
        ben = d.get("beneficiaries")
        if not isinstance(ben, list) or not ben or not all(isinstance(b, str) and SNAKE_RE.match(b) for b in ben):
            err(f"{did}: beneficiaries must be a non-empty list of snake_case strings")
        geo = d.get("geography")
        if not isinstance(geo, list) or not geo:
            err(f"{did}: geography must be a non-empty list")
        elif geo != ["city"] and not all(g in district_codes - {"SAMEN"} | {"samen"} for g in geo):
            err(f"{did}: geography {geo} must be ['city'] or district codes")
        lb = d.get("legalBasis")
        if lb is not None and not isinstance(lb, str):
            err(f"{did}: legalBasis must be a string or null")
    for aid, a in ag.items():
        if a.get("kind") == "stakeholder_group":
            continue
        n = len(duties_by_agency.get(aid, []))
        if not 1 <= n <= 4:
            err(f"{aid}: has {n} duties (want 1..4)")

    # ---------- capacities / needs ----------
    parsed = {}
    for key, f_from, f_to, money in (("capacities", "availableFrom", "availableTo", "costRials"),
                                     ("needs", "neededFrom", "neededTo", "valueRials")):
        for rid, r in idx[key].items():
            if r.get("agencyId") not in ag:
                err(f"{rid}: agencyId {r.get('agencyId')} does not exist")
            if r.get("kind") not in RESOURCE_KINDS:
                err(f"{rid}: bad kind {r.get('kind')!r}")
            q = r.get("quantity")
            if isinstance(q, bool) or not isinstance(q, (int, float)) or q <= 0:
                err(f"{rid}: quantity must be a positive number")
            if not isinstance(r.get("unit"), str) or not SNAKE_RE.match(r.get("unit") or "") and r.get("unit") != "m2":
                err(f"{rid}: unit must be a short snake_case token")
            a_, b_ = parse_date(r.get(f_from), f"{rid}.{f_from}"), parse_date(r.get(f_to), f"{rid}.{f_to}")
            if a_ and b_ and a_ > b_:
                err(f"{rid}: {f_from} after {f_to}")
            parsed[rid] = (a_, b_)
            m = r.get(money)
            if m is not None and (isinstance(m, bool) or not isinstance(m, int) or m < 0):
                err(f"{rid}: {money} must be a non-negative integer (rials) or null")
            if r.get("location") is not None and not isinstance(r.get("location"), str):
                err(f"{rid}: location must be a string or null")

    def compatible(cid, nid):
        c, n = idx["capacities"].get(cid), idx["needs"].get(nid)
        if not c or not n:
            return False
        return (c["kind"] == n["kind"] and c["unit"] == n["unit"] and c["quantity"] >= n["quantity"]
                and windows_overlap(*parsed[cid], *parsed[nid]))

    # ---------- issues ----------
    for iid, i in idx["issues"].items():  # issue intake: one of seed 001's nine sources, at one of its three levels
        if i.get("source") not in ISSUE_SOURCES or i.get("level") not in ("headquarters", "organisation", "district"):
            err(f"{iid}: source {i.get('source')!r} / level {i.get('level')!r} not from {ISSUE_SOURCES_CSV}")
    for iid, i in idx["issues"].items():
        if i.get("raisedById") not in ag:
            err(f"{iid}: raisedById {i.get('raisedById')} does not exist")
        cs = i.get("concernsIds")
        if not isinstance(cs, list) or not cs:
            err(f"{iid}: concernsIds must be a non-empty list")
        else:
            for c in cs:
                if c not in ag:
                    err(f"{iid}: concerned agency {c} does not exist")
                if c == i.get("raisedById"):
                    err(f"{iid}: raiser listed among concerned agencies")
        if i.get("category") not in ISSUE_CATEGORIES:
            err(f"{iid}: bad category {i.get('category')!r}")
        if i.get("severity") not in SEVERITIES:
            err(f"{iid}: bad severity {i.get('severity')!r}")
        if i.get("status") not in ISSUE_STATUSES:
            err(f"{iid}: bad status {i.get('status')!r}")
        parse_date(i.get("raisedOn"), f"{iid}.raisedOn")
        b = i.get("blocksDutyId")
        if b is not None and b not in du:
            err(f"{iid}: blocksDutyId {b} does not exist")

    # ---------- exchanges ----------
    null_duty = []
    for xid, x in idx["exchanges"].items():
        if x.get("kind") not in EXCHANGE_KINDS:
            err(f"{xid}: bad kind {x.get('kind')!r}")
        if x.get("status") not in EXCHANGE_STATUSES:
            err(f"{xid}: bad status {x.get('status')!r}")
        p, r = x.get("providerId"), x.get("receiverId")
        if p not in ag:
            err(f"{xid}: providerId {p} does not exist")
        if r not in ag:
            err(f"{xid}: receiverId {r} does not exist")
        if p == r:
            err(f"{xid}: provider and receiver are the same")
        amt = x.get("amountRials")
        if x.get("kind") == "financial":
            if isinstance(amt, bool) or not isinstance(amt, int) or not 500_000_000 <= amt <= 200_000_000_000:
                err(f"{xid}: financial exchange needs amountRials int in 500,000,000..200,000,000,000")
        elif amt is not None and (isinstance(amt, bool) or not isinstance(amt, int) or amt < 0):
            err(f"{xid}: amountRials must be a non-negative integer or null")
        parse_date(x.get("date"), f"{xid}.date")
        d = x.get("dutyId")
        if d is None:
            null_duty.append(xid)
        elif d not in du:
            err(f"{xid}: dutyId {d} does not exist")
        elif du[d].get("agencyId") != p:
            err(f"{xid}: dutyId {d} is not a duty of provider {p}")
        cr = x.get("contractRef")
        if cr is not None and not isinstance(cr, str):
            err(f"{xid}: contractRef must be a string or null")

    # ---------- requests ----------
    about_pool = set(idx["capacities"]) | set(idx["needs"]) | set(idx["issues"]) | set(du)
    status_count = {}
    overdue = []
    for qid, q in idx["requests"].items():
        s, r = q.get("senderId"), q.get("receiverId")
        if s not in ag:
            err(f"{qid}: senderId {s} does not exist")
        if r not in ag:
            err(f"{qid}: receiverId {r} does not exist")
        if s == r:
            err(f"{qid}: sender and receiver are the same")
        ab = q.get("aboutId")
        if ab is not None and ab not in about_pool:
            err(f"{qid}: aboutId {ab} is not a capacity, need, issue or duty")
        due = parse_date(q.get("dueDate"), f"{qid}.dueDate")
        filed = parse_date(q.get("filedOn"), f"{qid}.filedOn")
        if due and filed and due < filed:
            err(f"{qid}: dueDate before filedOn")
        hist = q.get("history")
        state = "submitted"
        last = filed
        if not isinstance(hist, list):
            err(f"{qid}: history must be a list")
            hist = []
        for k, h in enumerate(hist):
            w = f"{qid}.history[{k}]"
            if set(h) != {"to", "on", "by", "comment"}:
                err(f"{w}: fields must be to/on/by/comment")
            to = h.get("to")
            if to not in TRANSITIONS.get(state, set()):
                err(f"{w}: transition {state} -> {to!r} not allowed")
            else:
                state = to
            on = parse_date(h.get("on"), f"{w}.on")
            if on and last and on < last:
                err(f"{w}: date goes backwards")
            last = on or last
            if not isinstance(h.get("by"), str) or not h.get("by").strip():
                err(f"{w}: by must be a non-empty string")
            if not isinstance(h.get("comment"), str):
                err(f"{w}: comment must be a string")
        status_count[state] = status_count.get(state, 0) + 1
        if state in OPEN_REQUEST_STATES and due and due < (1404, 6, 1):
            overdue.append(qid)

    # ---------- working groups ----------
    for wid, w in idx["workingGroups"].items():
        mem = w.get("members")
        if not isinstance(mem, list) or not mem:
            err(f"{wid}: members must be a non-empty list")
            mem = []
        ids = []
        for m in mem:
            if m.get("agencyId") not in ag:
                err(f"{wid}: member {m.get('agencyId')} does not exist")
            if m.get("role") not in WG_ROLES:
                err(f"{wid}: bad role {m.get('role')!r}")
            ids.append(m.get("agencyId"))
        if len(ids) != len(set(ids)):
            err(f"{wid}: duplicate member")
        if not any(m.get("role") in ("lead", "secretariat") for m in mem):  # seed 000's groups have a secretariat, no named lead
            err(f"{wid}: no lead or secretariat")
        for d in w.get("dutyIds") or []:
            if d not in du:
                err(f"{wid}: dutyId {d} does not exist")

    # ---------- planted cases ----------
    def covers(g1, g2):
        return g1 == ["city"] or g2 == ["city"] or bool(set(g1) & set(g2))

    for a, b in PLANTED_OVERLAPS:
        da, db = du.get(a), du.get(b)
        if not da or not db:
            err(f"planted overlap {a}/{b}: duty missing")
            continue
        if da["agencyId"] == db["agencyId"]:
            err(f"planted overlap {a}/{b}: same agency")
        if da["functionCode"] != db["functionCode"]:
            err(f"planted overlap {a}/{b}: different functionCode")
        if sorted(da["beneficiaries"]) != sorted(db["beneficiaries"]):
            err(f"planted overlap {a}/{b}: different beneficiaries")
        if not covers(da["geography"], db["geography"]):
            err(f"planted overlap {a}/{b}: geography does not overlap")

    def agency_of(rid):
        return (idx["capacities"].get(rid) or idx["needs"].get(rid) or {}).get("agencyId")

    for cid, nid in PLANTED_RECIPROCAL + PLANTED_CYCLE:
        if not compatible(cid, nid):
            err(f"planted match {cid}->{nid}: not compatible (kind/unit/quantity/window)")
    (c1, n1), (c2, n2) = PLANTED_RECIPROCAL
    if not (agency_of(c1) == agency_of(n2) and agency_of(n1) == agency_of(c2) and agency_of(c1) != agency_of(n1)):
        err("planted reciprocal pair: agencies do not form A<->B")
    cyc = [(agency_of(c), agency_of(n)) for c, n in PLANTED_CYCLE]
    if not (cyc[0][1] == cyc[1][0] and cyc[1][1] == cyc[2][0] and cyc[2][1] == cyc[0][0]
            and len({cyc[0][0], cyc[1][0], cyc[2][0]}) == 3):
        err(f"planted 3-cycle: agencies do not form A->B->C->A: {cyc}")
    # all compatible pairs between different agencies -> agency graph; check no 2-cycle inside the trio
    edges = set()
    n_pairs = 0
    for cid, c in idx["capacities"].items():
        for nid, n in idx["needs"].items():
            if c["agencyId"] != n["agencyId"] and compatible(cid, nid):
                edges.add((c["agencyId"], n["agencyId"]))
                n_pairs += 1
    trio = {cyc[0][0], cyc[1][0], cyc[2][0]}
    for x in trio:
        for y in trio:
            if x != y and (x, y) in edges and (y, x) in edges:
                err(f"planted 3-cycle: unexpected 2-cycle {x}<->{y}")
    unmatched_caps = [cid for cid in idx["capacities"]
                      if not any(compatible(cid, nid) for nid in idx["needs"])]
    unanswered = [nid for nid in idx["needs"]
                  if not any(compatible(cid, nid) for cid in idx["capacities"])]
    if not unmatched_caps or not unanswered:
        err("expected some capacities that match nothing and some needs nobody answers")

    xid, division = PLANTED_MISALIGNED
    x = idx["exchanges"].get(xid)
    if not x:
        err(f"planted misaligned exchange {xid} missing")
    else:
        if x.get("dutyId") is not None:
            err(f"{xid}: planted misaligned exchange must have dutyId null")
        related = [d for d in duties_by_agency.get(x.get("providerId"), [])
                   if du[d]["functionCode"].split(".")[0] == division]
        if related:
            err(f"{xid}: provider has related duties {related}")
    if null_duty != [xid]:
        err(f"only the planted misaligned exchange should have dutyId null, got {null_duty}")

    grp = [idx["issues"].get(i) for i in PLANTED_ISSUE_GROUP]
    if None in grp:
        err("planted issue group: issue missing")
    else:
        if len({g["raisedById"] for g in grp}) != 3:
            err("planted issue group: raisers must be three different agencies")
        if len({g["category"] for g in grp}) != 1:
            err("planted issue group: categories differ")
        common = set(grp[0]["concernsIds"]) & set(grp[1]["concernsIds"]) & set(grp[2]["concernsIds"])
        if not common:
            err("planted issue group: no common concerned agency")

    # ---------- report ----------
    print("cofog: %d divisions, %d groups" % (sum(1 for c in cofog_by_code if "." not in c), len(cofog_groups)))
    for key in FIELDS:
        print(f"{key}: {len(idx[key])}")
    kinds = {}
    for a in ag.values():
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
    print("agency kinds:", dict(sorted(kinds.items())))
    print("compatible capacity->need pairs (kind+unit+quantity+window):", n_pairs)
    print("capacities matching nothing:", len(unmatched_caps), "| needs nobody answers:", len(unanswered))
    print("request states:", dict(sorted(status_count.items())))
    print("overdue open requests (due before 1404/06/01):", len(overdue), overdue)
    if errors:
        print(f"\nFAILED: {len(errors)} error(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
