"""Units of quantity as people read them: the stored codes (``m2``, ``m3_per_day``) in Persian and
English. A code not listed shows as written, underscores as spaces, never as a raw identifier."""

from __future__ import annotations

UNITS: dict[str, tuple[str, str]] = {
    "m2": ("متر مربع", "m²"), "m3": ("متر مکعب", "m³"), "m3_per_day": ("متر مکعب در روز", "m³/day"),
    "km": ("کیلومتر", "km"), "m": ("متر", "m"), "hectare": ("هکتار", "ha"), "tonne": ("تن", "tonnes"),
    "megawatt": ("مگاوات", "MW"), "rial": ("ریال", "rials"), "person": ("نفر", "people"),
    "expert": ("کارشناس", "experts"), "intern": ("کارآموز", "interns"), "team": ("تیم", "teams"),
    "machine": ("دستگاه ماشین", "machines"), "machine_set": ("دستگاه کامل", "machine sets"),
    "vehicle": ("خودرو", "vehicles"), "rig": ("دکل", "rigs"), "camera": ("دوربین", "cameras"),
    "tree": ("اصله درخت", "trees"), "sample": ("نمونه", "samples"), "survey": ("پیمایش", "surveys"),
    "schedule": ("برنامهٔ زمانی", "schedules"), "dataset": ("مجموعه‌داده", "datasets"),
    "year_dataset": ("مجموعه‌دادهٔ سالانه", "yearly datasets"), "time_series": ("سری زمانی", "time series"),
    "agency_account": ("حساب کاربری دستگاه", "agency accounts"), "junction": ("تقاطع", "junctions"),
    "project": ("پروژه", "projects"), "tent": ("چادر", "tents"), "rack": ("رک", "racks"),
    "mural": ("دیوارنگاره", "murals"), "room": ("اتاق", "rooms"), "package": ("بسته", "packages"),
    "workshop": ("کارگاه", "workshops"), "gis_layer": ("لایهٔ GIS", "GIS layers"), "site": ("محل", "sites"),
    "report": ("گزارش", "reports"), "monitoring_report": ("گزارش پایش", "monitoring reports"),
}  # fmt: skip


def unit_label(code: str | None, lang: str = "fa") -> str:
    if not code:
        return ""
    known = UNITS.get(code)
    if known is None:
        return code.replace("_", " ")
    return known[1] if lang == "en" else known[0]
