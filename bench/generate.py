"""A seeded generator of realistic registries in the import shape (``service/registry/bundle.py``).

One *unit* is a city the size the issue names (300 agencies, 5,000 duties, 3,000 capacities,
3,000 needs, 50,000 exchanges, 20,000 requests, plus 600 issues and 12 working groups, which the
issue leaves open). A province is 10 units, a country 100: each unit is a city of its own with
its municipality tree, districts, utilities and offices, and 5% of its exchanges and requests go
to agencies of the unit before it. Unit ``u`` is drawn from ``Random(seed, u)`` alone, so the
first three units of a province are exactly a "3× city".

Text is Persian-looking because it is recombined from the shipped Mashhad demo
(``service/data/demo.json``): titles and descriptions are walks of a word-bigram chain over the
demo's own titles and descriptions, with place qualifiers; 8% of duties are planted rewrites of
another agency's duty (spelling variants, a dropped word) and 30% of needs mirror another agency's
capacity, so the duplication and win-win analyses have real work to find. Function codes are COFOG
groups from ``service/data/cofog.json`` (weighted like the demo), dates are Jalali 1401-1404.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any

Row = dict[str, Any]
Bundle = dict[str, list[Row]]

SCALES: dict[str, int] = {"city": 1, "province": 10, "country": 100}
UNIT: dict[str, int] = {
    "agencies": 300, "duties": 5000, "capacities": 3000, "needs": 3000, "issues": 600,
    "exchanges": 50_000, "requests": 20_000, "workingGroups": 12,
}  # fmt: skip
SECTIONS = ("agencies", "duties", "capacities", "needs", "issues", "exchanges", "requests", "workingGroups")
# the sections the duplication and win-win analyses read (load_snapshot in service/analysis/runner.py)
ANALYSIS_SECTIONS = ("agencies", "duties", "capacities", "needs", "issues")

CITIES = (
    "مشهد", "نیشابور", "سبزوار", "تربت حیدریه", "کاشمر", "قوچان", "تربت جام", "چناران", "گناباد", "فریمان",
    "سرخس", "درگز", "تایباد", "خواف", "بردسکن", "رشتخوار", "طرقبه", "شاندیز", "بجستان", "خلیل‌آباد",
    "کلات", "مه‌ولات", "زاوه", "باخرز", "جغتای", "جوین", "داورزن", "فیروزه", "بینالود", "کوهسرخ",
)  # fmt: skip
LANDMARKS = (
    "بلوار وکیل‌آباد", "خیابان امام رضا (ع)", "بلوار سجاد", "میدان شهدا", "بلوار هاشمیه", "بلوار پیروزی",
    "بزرگراه آسیایی", "بلوار معلم", "محور طرقبه", "بلوار توس", "حاشیه شهر", "بافت پیرامون حرم",
)  # fmt: skip
DEPUTY_TOPICS = (
    "شهرسازی و معماری", "خدمات شهری و محیط زیست", "حمل‌ونقل و ترافیک", "فرهنگی و اجتماعی",
    "اقتصادی و سرمایه‌گذاری", "برنامه‌ریزی و توسعه سرمایه انسانی", "فنی و عمرانی", "مالی و اداری",
)  # fmt: skip
ORG_TOPICS = (
    "پارک‌ها و فضای سبز", "آتش‌نشانی و خدمات ایمنی", "مدیریت پسماند", "فناوری اطلاعات و ارتباطات",
    "حمل‌ونقل و ترافیک", "زیباسازی", "قطار شهری", "اتوبوسرانی", "تاکسیرانی", "مدیریت حمل‌ونقل بار",
    "بهسازی و نوسازی", "میادین میوه و تره‌بار", "آرامستان‌ها", "ساماندهی مشاغل شهری", "املاک و مستغلات",
    "عمران و بازآفرینی شهری", "پایانه‌های مسافربری", "فرهنگی، اجتماعی و ورزشی", "رفاه شهروندی", "مدیریت بحران",
)  # fmt: skip
UTILITY = ("آب و فاضلاب", "گاز", "توزیع نیروی برق", "مخابرات", "آب منطقه‌ای")
GOV_TOPICS = (
    "راه و شهرسازی", "میراث فرهنگی و گردشگری", "بهزیستی", "آموزش و پرورش", "ورزش و جوانان",
    "حفاظت محیط زیست", "جهاد کشاورزی", "منابع طبیعی و آبخیزداری", "صنعت، معدن و تجارت",
    "تعاون، کار و رفاه اجتماعی", "شبکه بهداشت و درمان", "ثبت اسناد و املاک", "امور اقتصادی و دارایی",
    "فرمانداری", "پلیس راهور", "پلیس پیشگیری", "دادگستری", "اوقاف و امور خیریه", "بنیاد مسکن انقلاب اسلامی",
    "مدیریت بحران", "هواشناسی", "دامپزشکی", "استاندارد", "تأمین اجتماعی",
)  # fmt: skip
UNI = ("دانشگاه فردوسی", "دانشگاه علوم پزشکی", "دانشگاه آزاد اسلامی", "دانشگاه صنعتی", "دانشگاه پیام نور")
KBF_A = ("آب", "ره", "سبز", "داده", "شهر", "نو", "پارس", "مهر", "هوش", "پایا", "فرا", "ریز")
KBF_B = ("نگار", "پالایش", "پرداز", "سازان", "گستر", "افزار", "ران", "آوران", "کاو", "پویان")
KBF_C = ("توس", "شرق", "خراسان", "رضوی", "پارس", "ایرانیان", "هوشمند شرق")
NGO_TOPICS = (
    "دوستداران آب", "حامیان محیط زیست", "همدلان سالمندان", "یاوران کودکان کار", "دوستداران میراث",
    "حامیان معلولان", "مهر زنان سرپرست خانوار", "جوانان داوطلب", "دوچرخه‌سواران شهری", "حامیان بیماران خاص",
)  # fmt: skip
WG_TOPICS = (
    "طراحی و کنترل فرآیند", "تولید محتوا و افکارسنجی", "مدیریت آب‌های سطحی", "هماهنگی حفاری معابر",
    "ایمنی و مدیریت بحران", "داده و نقشه شهری", "حمل‌ونقل پایدار", "فضای سبز و پساب", "بازآفرینی بافت فرسوده",
    "گردشگری زیارتی", "اقتصاد چرخشی پسماند", "سلامت شهری",
)  # fmt: skip
STEP_BY = ("کریمی (فناوری اطلاعات)", "نوری (آبفا)", "رضایی (دبیرخانه)", "موسوی (حوزه معاونت)", "احمدی (منطقه)")
# kind, level, count per unit, activity weight
KINDS: tuple[tuple[str, str, int, float], ...] = (
    ("municipal_organisation", "headquarters", 1, 6.0),  # the municipality itself
    ("council", "headquarters", 1, 1.0),
    ("municipal_deputy", "headquarters", 8, 3.0),
    ("district", "district", 20, 2.0),
    ("municipal_organisation", "organisation", 40, 3.0),
    ("utility_company", "external", 20, 3.0),
    ("government_agency", "external", 60, 2.0),
    ("university", "external", 10, 1.0),
    ("knowledge_based_firm", "external", 60, 0.5),
    ("ngo", "external", 70, 0.5),
    ("stakeholder_group", "external", 10, 0.3),
)
assert sum(k[2] for k in KINDS) == UNIT["agencies"]
KIND_OF_INDEX = [kind for kind, _, count, _ in KINDS for _ in range(count)]  # an agency's kind by its index in a unit
STATUS_PATHS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (30, ()), (12, ("acknowledged",)), (18, ("acknowledged", "in_progress")),
    (25, ("acknowledged", "in_progress", "done")), (4, ("acknowledged", "rejected")),
    (3, ("acknowledged", "in_progress", "rejected")), (5, ("withdrawn",)), (3, ("acknowledged", "withdrawn")),
)  # fmt: skip
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MONTHS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)  # Esfand 29: valid in every year


def fa(n: int) -> str:
    return str(n).translate(FA_DIGITS)


def jalali(day: int) -> str:
    """Day 0 is 1401/01/01; every year counted as 365 days, so every date exists."""
    day = max(0, min(day, 4 * 365 - 1))
    year, rest = 1401 + day // 365, day % 365
    for month, length in enumerate(MONTHS, start=1):
        if rest < length:
            return f"{year}/{month:02d}/{rest + 1:02d}"
        rest -= length
    raise AssertionError("unreachable")


@cache
def demo() -> Bundle:
    data: Bundle = json.loads(resources.files("service.data").joinpath("demo.json").read_text(encoding="utf-8"))
    return data


@cache
def cofog_groups() -> tuple[str, ...]:
    raw = json.loads(resources.files("service.data").joinpath("cofog.json").read_text(encoding="utf-8"))
    return tuple(f["code"] for f in raw if f.get("parent"))


class Chain:
    """A word-bigram chain over a corpus: walks recombine the demo's own phrases."""

    END = "\0"

    def __init__(self, texts: Sequence[str]) -> None:
        self.starts: list[str] = []
        self.next: dict[str, list[str]] = defaultdict(list)
        for text in texts:
            words = text.split()
            if not words:
                continue
            self.starts.append(words[0])
            for a, b in zip(words, [*words[1:], self.END], strict=True):
                self.next[a].append(b)

    def walk(self, rng: random.Random, low: int, high: int) -> str:
        words = [rng.choice(self.starts)]
        while len(words) < high:
            nxt = rng.choice(self.next[words[-1]])
            if nxt == self.END:
                if len(words) >= low:
                    break
                nxt = rng.choice(self.starts)
            words.append(nxt)
        return " ".join(words)


@cache
def chains() -> dict[str, Chain]:
    d = demo()

    def texts(section: str, *fields: str) -> list[str]:
        return [r[f] for r in d[section] for f in fields if r.get(f)]

    return {
        "duty": Chain(texts("duties", "titleFa")),
        "duty_desc": Chain(texts("duties", "descriptionFa")),
        "duty_en": Chain(texts("duties", "titleEn")),
        "duty_desc_en": Chain(texts("duties", "descriptionEn")),
        "resource": Chain(texts("capacities", "titleFa") + texts("needs", "titleFa")),
        "resource_desc": Chain(texts("capacities", "descriptionFa") + texts("needs", "descriptionFa")),
        "resource_en": Chain(texts("capacities", "titleEn") + texts("needs", "titleEn")),
        "issue": Chain(texts("issues", "titleFa")),
        "issue_desc": Chain(texts("issues", "descriptionFa")),
        "exchange": Chain(texts("exchanges", "titleFa")),
        "exchange_desc": Chain(texts("exchanges", "descriptionFa")),
        "request": Chain(texts("requests", "subject")),
        "request_body": Chain(texts("requests", "body")),
        "comment": Chain([s["comment"] for r in d["requests"] for s in r.get("history", []) if s.get("comment")]),
    }


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=1)[0]


def _variant(text: str, rng: random.Random) -> str:
    """A rewrite a different clerk would type: ZWNJ as space, Arabic ي/ك, a word dropped."""
    out = text.replace("\u200c", " ") if rng.random() < 0.6 else text
    if rng.random() < 0.5:
        out = out.replace("ی", "ي", 2).replace("ک", "ك", 1)
    words = out.split()
    if len(words) > 4 and rng.random() < 0.7:
        del words[rng.randrange(1, len(words))]
    return " ".join(words)


class Unit:
    """One city of the registry: its agencies and everything between them."""

    def __init__(self, u: int, seed: int, shrink: int = 1) -> None:
        self.u = u
        self.n = {k: (v if k in ("agencies", "workingGroups") else max(1, v // shrink)) for k, v in UNIT.items()}
        self.rng = random.Random(f"{seed}:{u}")
        self.city = CITIES[u % len(CITIES)] + ("" if u < len(CITIES) else f" {fa(u // len(CITIES) + 1)}")
        self.tag = f"{u:03d}"
        # where its duties apply: unit 0 is the registry's own city (``city``, districts ``D1``…); every
        # other unit a city of its own (``U007``, districts ``U007/D3``), so two units' duties never overlap
        self.place_code = "city" if u == 0 else f"U{u:03d}"
        self.out: Bundle = {s: [] for s in SECTIONS}
        self.weights: list[float] = []
        self.cum: list[float] = []
        self.indices = range(UNIT["agencies"])
        self.lead_duties: dict[str, list[str]] = defaultdict(list)
        self.caps_of: dict[str, list[Row]] = defaultdict(list)
        self.needs_of: dict[str, list[str]] = defaultdict(list)
        self.issues_of: dict[str, list[str]] = defaultdict(list)
        self.planted_duplicates: list[tuple[str, str]] = []  # (source duty, its rewrite): what must be found
        self.planted_mirrors: list[tuple[str, str]] = []  # (capacity, the need that mirrors it): a win-win to find

    def district(self, n: int) -> str:
        return f"D{n}" if self.u == 0 else f"{self.place_code}/D{n}"

    def aid(self, n: int, unit: int | None = None) -> str:
        return f"ag-{self.tag if unit is None else f'{unit:03d}'}-{n:04d}"

    def pick_agency(self, exclude: str | None = None) -> str:
        if len(self.cum) != len(self.weights):
            self.cum = list(accumulate(self.weights))
        while True:
            n = self.rng.choices(self.indices, cum_weights=self.cum, k=1)[0]
            ident = self.aid(n)
            if ident != exclude:
                return ident

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"منطقه {fa(self.rng.randint(1, 20))}"
        if r < 0.7:
            return self.rng.choice(LANDMARKS)
        return f"شهر {self.city}"

    # -- agencies ---------------------------------------------------------------------------
    def agencies(self) -> None:
        rng, n = self.rng, 0
        root, deputies = self.aid(0), []
        counters: dict[str, int] = defaultdict(int)
        for kind, level, count, weight in KINDS:
            for i in range(count):
                ident = self.aid(n)
                counters[kind] += 1
                name, code, parent = self._name(kind, level, i, counters[kind])
                if kind == "municipal_deputy":
                    deputies.append(ident)
                    parent = root
                elif kind == "district":
                    parent = root
                elif kind == "municipal_organisation" and level == "organisation":
                    parent = rng.choice(deputies)
                row = {
                    "id": ident, "code": f"U{self.tag}-{code}", "nameFa": name, "kind": kind, "level": level,
                    "parentId": parent, "contactPhone": f"0{rng.randint(11, 87)}-{rng.randint(3000000, 39999999)}",
                    "contactEmail": f"info{n}@u{self.tag}.example" if rng.random() < 0.7 else None,
                    "contactAddress": f"{self.city}، {rng.choice(LANDMARKS)}" if rng.random() < 0.8 else None,
                }  # fmt: skip
                self.out["agencies"].append(row)
                self.weights.append(weight * rng.lognormvariate(0, 0.6))
                n += 1

    def _name(self, kind: str, level: str, i: int, k: int) -> tuple[str, str, str | None]:
        rng, city = self.rng, self.city
        if kind == "municipal_organisation" and level == "headquarters":
            return f"شهرداری {city}", "MM", None
        if kind == "council":
            return f"شورای اسلامی شهر {city}", "CC", None
        if kind == "municipal_deputy":
            return f"معاونت {DEPUTY_TOPICS[i % len(DEPUTY_TOPICS)]} شهرداری {city}", f"DEP{k}", None
        if kind == "district":
            return f"شهرداری منطقه {fa(k)} {city}", f"D{k}", None
        if kind == "municipal_organisation":
            topic = ORG_TOPICS[i % len(ORG_TOPICS)]
            suffix = "" if i < len(ORG_TOPICS) else f" (واحد {fa(i // len(ORG_TOPICS) + 1)})"
            return f"سازمان {topic} شهرداری {city}{suffix}", f"ORG{k}", None
        if kind == "utility_company":
            service = UTILITY[i % len(UTILITY)]
            if i < len(UTILITY):
                return f"شرکت {service} {city}", f"UT{k}", None
            return f"امور {service} ناحیه {fa(i // len(UTILITY))} {city}", f"UT{k}", None
        if kind == "government_agency":
            topic = GOV_TOPICS[i % len(GOV_TOPICS)]
            return f"اداره {topic} شهرستان {city}" + ("" if i < len(GOV_TOPICS) else f" (حوزه {fa(i // len(GOV_TOPICS) + 1)})"), f"GOV{k}", None
        if kind == "university":
            return f"پژوهشکده {rng.choice(GOV_TOPICS)} {rng.choice(UNI)} {city}", f"UNI{k}", None
        if kind == "knowledge_based_firm":
            return f"شرکت دانش‌بنیان {rng.choice(KBF_A)}{rng.choice(KBF_B)} {rng.choice(KBF_C)}", f"KBF{k}", None
        if kind == "ngo":
            form = rng.choice(("انجمن مردم‌نهاد", "مؤسسه خیریه", "سازمان مردم‌نهاد"))
            return f"{form} {rng.choice(NGO_TOPICS)} {city}", f"NGO{k}", None
        return f"گروه ذی‌نفع {fa(k)}: {rng.choice(('شهروندان', 'نخبگان شهری', 'کسبه', 'بدنه شهرداری', 'زائران'))}", f"SG{k}", None

    # -- duties -------------------------------------------------------------------------------
    def duties(self) -> None:
        rng, c, d = self.rng, chains(), demo()
        functions = [x["functionCode"] for x in d["duties"]]
        beneficiaries = [b for x in d["duties"] for b in x.get("beneficiaries", [])]
        legal = [x["legalBasis"] for x in d["duties"] if x.get("legalBasis")]
        rows = self.out["duties"]
        for i in range(self.n["duties"]):
            agency = self.pick_agency()
            ident = f"du-{self.tag}-{i:05d}"
            if rows and rng.random() < 0.08:  # a planted rewrite of another agency's duty
                src = rng.choice(rows)
                if src["agencyId"] != agency:
                    row = dict(src, id=ident, agencyId=agency, supportAgencyIds=[],
                               titleFa=_variant(src["titleFa"], rng),
                               descriptionFa=_variant(src["descriptionFa"], rng) if src.get("descriptionFa") else None)  # fmt: skip
                    rows.append(row)
                    self.lead_duties[agency].append(ident)
                    self.planted_duplicates.append((src["id"], ident))
                    continue
            title = c["duty"].walk(rng, 4, 12)
            if rng.random() < 0.5:
                title += f" در {self.place()}"
            n_agency = int(agency.rsplit("-", 1)[1])
            kind = self.out["agencies"][n_agency]["kind"]
            geography = [self.district(rng.randint(1, 20))] if kind == "district" else (
                [self.place_code] if rng.random() < 0.8 else sorted({self.district(rng.randint(1, 20)) for _ in range(rng.randint(1, 3))}))  # fmt: skip
            supports = sorted({self.pick_agency(exclude=agency) for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))})
            row = {
                "id": ident, "agencyId": agency, "supportAgencyIds": supports, "titleFa": title,
                "titleEn": c["duty_en"].walk(rng, 4, 12),
                "descriptionFa": c["duty_desc"].walk(rng, 10, 30),
                "descriptionEn": c["duty_desc_en"].walk(rng, 10, 30) if rng.random() < 0.5 else None,
                "functionCode": rng.choice(functions) if rng.random() < 0.6 else rng.choice(cofog_groups()),
                "beneficiaries": sorted({rng.choice(beneficiaries) for _ in range(rng.randint(1, 3))}),
                "geography": geography,
                "legalBasis": rng.choice(legal) if rng.random() < 0.3 else None,
            }  # fmt: skip
            rows.append(row)
            self.lead_duties[agency].append(ident)

    # -- capacities and needs -------------------------------------------------------------
    def resources(self) -> None:
        rng, c, d = self.rng, chains(), demo()
        kinds_units = [(x["kind"], x.get("unit")) for x in d["capacities"] + d["needs"]]
        for i in range(self.n["capacities"]):
            agency = self.pick_agency()
            kind, unit = rng.choice(kinds_units)
            start = rng.randrange(0, 3 * 365)
            title = c["resource"].walk(rng, 4, 12) + (f" در {self.place()}" if rng.random() < 0.3 else "")
            row = {
                "id": f"ca-{self.tag}-{i:05d}", "agencyId": agency, "titleFa": title,
                "titleEn": c["resource_en"].walk(rng, 4, 10), "descriptionFa": c["resource_desc"].walk(rng, 8, 25),
                "kind": kind, "quantity": float(rng.choice((1, 2, 5, 10, 20, 40, 100, 500, 3000))), "unit": unit,
                "availableFrom": jalali(start), "availableTo": jalali(start + rng.randint(60, 720)),
                "location": self.place() if rng.random() < 0.6 else None,
                "costRials": rng.choice((0, 0, 500_000_000, 2_500_000_000, 10_000_000_000)),
            }  # fmt: skip
            self.out["capacities"].append(row)
            self.caps_of[agency].append(row)
        caps = self.out["capacities"]
        for i in range(self.n["needs"]):
            agency = self.pick_agency()
            start = rng.randrange(0, 3 * 365)
            ident = f"ne-{self.tag}-{i:05d}"
            if rng.random() < 0.3:  # mirrors another agency's capacity: a win-win to find
                cap = rng.choice(caps)
                if cap["agencyId"] != agency:
                    row = {
                        "id": ident, "agencyId": agency, "titleFa": "نیاز به " + _variant(cap["titleFa"], rng),
                        "titleEn": cap.get("titleEn"), "descriptionFa": _variant(cap["descriptionFa"], rng),
                        "kind": cap["kind"], "quantity": max(1.0, cap["quantity"] * rng.choice((0.5, 1.0, 2.0))),
                        "unit": cap["unit"], "neededFrom": cap["availableFrom"], "neededTo": cap["availableTo"],
                        "valueRials": rng.choice((1_500_000_000, 5_000_000_000, 12_000_000_000, 40_000_000_000)),
                    }  # fmt: skip
                    self.out["needs"].append(row)
                    self.needs_of[agency].append(ident)
                    self.planted_mirrors.append((cap["id"], ident))
                    continue
            kind, unit = rng.choice(kinds_units)
            row = {
                "id": ident, "agencyId": agency, "titleFa": c["resource"].walk(rng, 4, 12),
                "titleEn": c["resource_en"].walk(rng, 4, 10), "descriptionFa": c["resource_desc"].walk(rng, 8, 25),
                "kind": kind, "quantity": float(rng.choice((1, 3, 6, 25, 100, 1000))), "unit": unit,
                "neededFrom": jalali(start), "neededTo": jalali(start + rng.randint(60, 540)),
                "location": self.place() if rng.random() < 0.5 else None,
                "valueRials": rng.choice((None, 1_500_000_000, 5_000_000_000, 12_000_000_000)),
            }  # fmt: skip
            self.out["needs"].append(row)
            self.needs_of[agency].append(ident)

    # -- issues, exchanges, requests, working groups --------------------------------------
    def issues(self) -> None:
        rng, c, d = self.rng, chains(), demo()
        categories = [x["category"] for x in d["issues"]]
        for i in range(self.n["issues"]):
            raiser = self.pick_agency()
            concerns = sorted({self.pick_agency(exclude=raiser) for _ in range(rng.randint(1, 3))})
            blocks = self.lead_duties.get(raiser)
            row = {
                "id": f"is-{self.tag}-{i:05d}", "raisedById": raiser, "concernsIds": concerns,
                "titleFa": c["issue"].walk(rng, 4, 12), "descriptionFa": c["issue_desc"].walk(rng, 10, 30),
                "category": rng.choice(categories),
                "severity": _weighted(rng, (("low", 3), ("medium", 4), ("high", 2), ("critical", 1))),
                "status": _weighted(rng, (("open", 4), ("in_progress", 3), ("resolved", 2), ("closed", 1))),
                "raisedOn": jalali(rng.randrange(0, 4 * 365)),
                "blocksDutyId": rng.choice(blocks) if blocks and rng.random() < 0.2 else None,
            }  # fmt: skip
            self.out["issues"].append(row)
            self.issues_of[raiser].append(row["id"])

    def _other_unit_agency(self) -> str | None:
        if self.u == 0 or self.rng.random() >= 0.05:
            return None
        return self.aid(self.rng.randrange(UNIT["agencies"]), unit=self.u - 1)

    def exchanges(self) -> None:
        rng, c = self.rng, chains()
        for i in range(self.n["exchanges"]):
            provider = self.pick_agency()
            receiver = self._other_unit_agency() or self.pick_agency(exclude=provider)
            kind = _weighted(rng, (("financial", 4), ("service", 4), ("infrastructure", 2)))
            day = rng.randrange(0, 4 * 365)
            amount = rng.randint(1, 2000) * 50_000_000 if kind == "financial" or rng.random() < 0.3 else None
            duties = self.lead_duties.get(provider)
            row = {
                "id": f"ex-{self.tag}-{i:06d}", "kind": kind, "providerId": provider, "receiverId": receiver,
                "titleFa": c["exchange"].walk(rng, 4, 12),
                "descriptionFa": c["exchange_desc"].walk(rng, 6, 20) if rng.random() < 0.6 else None,
                "amountRials": amount, "date": jalali(day),
                "status": _weighted(rng, (("completed", 60), ("in_progress", 15), ("planned", 15), ("cancelled", 10))),
                "dutyId": rng.choice(duties) if duties and rng.random() < 0.7 else None,
                "contractRef": f"U{self.tag}-{1401 + day // 365}-{i:05d}" if rng.random() < 0.5 else None,
            }  # fmt: skip
            self.out["exchanges"].append(row)

    def _is_group(self, ident: str) -> bool:
        """A stakeholder-group agency (the legacy kind the generator still makes, 10 a unit: see KINDS)."""
        base = ident.rsplit("-", 1)[-1]
        index = int(base) if base.isdigit() else -1
        return 0 <= index < UNIT["agencies"] and KIND_OF_INDEX[index] == "stakeholder_group"

    def requests(self) -> None:
        rng, c = self.rng, chains()
        paths = STATUS_PATHS
        for i in range(self.n["requests"]):
            sender = self.pick_agency()
            other = self._other_unit_agency()
            receiver = other or self.pick_agency(exclude=sender)
            while self._is_group(receiver):  # a stakeholder group never receives a request (#19.3): the import refuses it
                other, receiver = None, self.pick_agency(exclude=sender)
            about = None
            r = rng.random()
            if other is None and r < 0.35 and self.caps_of.get(receiver):
                about = rng.choice(self.caps_of[receiver])["id"]
            elif r < 0.45 and self.needs_of.get(sender):
                about = rng.choice(self.needs_of[sender])
            elif r < 0.50 and self.issues_of.get(sender):
                about = rng.choice(self.issues_of[sender])
            filed = rng.randrange(0, 4 * 365 - 130)
            path = _weighted(rng, [(p, w) for w, p in paths])
            day, history = filed, []
            for status in path:
                day += rng.randint(1, 40)
                history.append({"to": status, "on": jalali(day), "by": rng.choice(STEP_BY),
                                "comment": c["comment"].walk(rng, 2, 10) if rng.random() < 0.7 else None})  # fmt: skip
            row = {
                "id": f"rq-{self.tag}-{i:06d}", "senderId": sender, "receiverId": receiver, "aboutId": about,
                "subject": c["request"].walk(rng, 3, 10), "body": c["request_body"].walk(rng, 8, 25),
                "dueDate": jalali(filed + rng.randint(30, 120)), "filedOn": jalali(filed), "history": history,
            }  # fmt: skip
            self.out["requests"].append(row)

    def working_groups(self) -> None:
        rng = self.rng
        for i in range(self.n["workingGroups"]):
            members = sorted({self.pick_agency() for _ in range(rng.randint(3, 8))})
            roles = ["lead"] + [rng.choice(("member", "member", "supervisor")) for _ in members[1:]]
            duties = sorted({d for m in members for d in self.lead_duties.get(m, [])[:2]})[: rng.randint(1, 5)]
            topic = WG_TOPICS[i % len(WG_TOPICS)]
            row = {
                "id": f"wg-{self.tag}-{i:03d}", "nameFa": f"کارگروه {topic} {self.city}",
                "mandateFa": chains()["duty_desc"].walk(rng, 10, 30),
                "members": [{"agencyId": m, "role": r} for m, r in zip(members, roles, strict=True)],
                "dutyIds": duties,
            }  # fmt: skip
            self.out["workingGroups"].append(row)

    def build(self, sections: Sequence[str]) -> Bundle:
        self.agencies()
        self.duties()
        self.resources()
        self.issues()
        if "exchanges" in sections:
            self.exchanges()
        if "requests" in sections:
            self.requests()
        if "workingGroups" in sections:
            self.working_groups()
        return {s: self.out[s] for s in sections}


def generate(units: int, seed: int = 1403, sections: Sequence[str] = SECTIONS, shrink: int = 1,
             truth: dict[str, list[tuple[str, str]]] | None = None) -> Bundle:  # fmt: skip
    """``units`` cities' worth of registry (1: city, 10: province, 100: country), in the import shape;
    ``shrink`` divides every count but the agencies' and working groups' (for a quick smoke run).
    ``truth``, when given, receives what the analyses must find: ``duplicates`` (planted duty pairs) and
    ``mirrors`` (a capacity and another agency's need that restates it: a win-win match)."""
    bundle: Bundle = {s: [] for s in sections}
    for u in range(units):
        unit = Unit(u, seed, shrink)
        part = unit.build(sections)
        for s in sections:
            bundle[s].extend(part[s])
        if truth is not None:
            truth.setdefault("duplicates", []).extend(unit.planted_duplicates)
            truth.setdefault("mirrors", []).extend(unit.planted_mirrors)
    return bundle


def counts(bundle: Bundle) -> dict[str, int]:
    return {s: len(rows) for s, rows in bundle.items()}


def records(bundle: Bundle) -> int:
    return sum(len(rows) for rows in bundle.values())


if __name__ == "__main__":  # python -m bench.generate [units]: print the counts and one row per section
    import sys
    import time

    started = time.perf_counter()
    sample = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    print(f"generated in {time.perf_counter() - started:.1f} s:", counts(sample))
    for section, rows in sample.items():
        print(section, json.dumps(rows[len(rows) // 2], ensure_ascii=False)[:400])
