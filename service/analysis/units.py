"""Units of quantity as a small vocabulary: each name (English, symbol or Persian) maps to a
dimension and a factor to that dimension's base unit, so a capacity in L/s can cover a need in
m³/day and a capacity in tonnes never "covers" a need in m³/day.

A unit not in the table is a *count of things* named by itself (``site``, ``camera``, ``report``):
it matches only the same name. A table was chosen over ``pint``: the registry's units are few,
many are Persian or are counts of things, and the conversions are exact and visible here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from service.text.persian import normalize

_DAY = 86_400.0


@dataclass(frozen=True)
class Unit:
    """``dimension`` decides what can be compared; ``factor`` converts to the base unit."""

    name: str  # canonical name, e.g. m3_per_day
    dimension: str  # flow, volume, area, mass, length, time, people, power, money, or count:<name>
    factor: float  # one of this unit in the dimension's base unit


# canonical name -> (dimension, factor to base, aliases). Bases: m³/s, m³, m², kg, m, hour, person, kW, rial.
_TABLE: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "m3_per_s": ("flow", 1.0, ("m3/s", "m³/s", "cubic metre per second", "مترمکعب بر ثانیه")),
    "l_per_s": ("flow", 1e-3, ("l/s", "lps", "litre per second", "liter per second", "لیتر بر ثانیه", "لیتر در ثانیه")),
    "m3_per_day": ("flow", 1 / _DAY, ("m3/day", "m³/day", "m3/d", "m³/d", "cubic metre per day",
                                        "مترمکعب در روز", "مترمکعب بر روز", "متر مکعب در روز")),
    "m3_per_hour": ("flow", 1 / 3600, ("m3/h", "m³/h", "مترمکعب در ساعت")),
    "m3": ("volume", 1.0, ("m³", "cubic metre", "مترمکعب", "متر مکعب")),
    "litre": ("volume", 1e-3, ("l", "liter", "لیتر")),
    "m2": ("area", 1.0, ("m²", "sqm", "square metre", "مترمربع", "متر مربع")),
    "hectare": ("area", 10_000.0, ("ha", "هکتار")),
    "km2": ("area", 1e6, ("km²", "کیلومترمربع")),
    "tonne": ("mass", 1000.0, ("t", "ton", "tonnes", "تن")),
    "kg": ("mass", 1.0, ("kilogram", "کیلوگرم")),
    "km": ("length", 1000.0, ("kilometre", "kilometer", "کیلومتر")),
    "m": ("length", 1.0, ("metre", "meter", "متر")),
    "hour": ("time", 1.0, ("hours", "h", "hr", "ساعت", "نفر ساعت")),
    "day": ("time", 24.0, ("days", "روز")),
    "person": ("people", 1.0, ("persons", "people", "نفر", "expert", "intern", "trainee", "کارشناس", "کارآموز")),
    "kilowatt": ("power", 1.0, ("kw", "کیلووات")),
    "megawatt": ("power", 1000.0, ("mw", "مگاوات")),
    "rial": ("money", 1.0, ("irr", "ریال")),
    "toman": ("money", 10.0, ("تومان",)),
}


def _key(text: str) -> str:
    return normalize(text).replace(" ", "").replace("_", "")


_INDEX: dict[str, Unit] = {}
for _name, (_dim, _factor, _aliases) in _TABLE.items():
    for _alias in (_name, *_aliases):
        _INDEX[_key(_alias)] = Unit(_name, _dim, _factor)


@lru_cache(maxsize=4096)
def unit(name: str | None) -> Unit | None:
    """The unit a stored name means; a name outside the table counts things of that name (cached: a
    registry has few unit names, and win-win asks for them once per candidate pair)."""
    if not name or not name.strip():
        return None
    key = _key(name)
    own = normalize(name).replace(" ", "_")
    return _INDEX.get(key) or Unit(own, f"count:{key}", 1.0)


@dataclass(frozen=True)
class Cover:
    """How much of a need a capacity covers, with both quantities in one unit."""

    comparable: bool  # False: the units measure different things (never a match)
    known: bool  # False: a quantity or a unit is missing, so cover is not computed
    have: float | None = None  # the capacity, in ``unit``
    want: float | None = None  # the need, in ``unit``
    unit: str | None = None

    @property
    def share(self) -> float:
        """Share of the need met (0..1); with no quantity to compare, the need is taken as met
        (what the need asks for is named, not counted) and ``fit`` marks the match as less sure."""
        if not self.known or not self.want:
            return 1.0
        return min(1.0, (self.have or 0.0) / self.want)

    @property
    def fit(self) -> float:
        """The quantity term of a match's score: the share, or 0.5 when it cannot be computed."""
        return self.share if self.known and self.want else 0.5

    @property
    def used(self) -> float:
        """Share of the capacity used (0..1); 1 when unknown (the whole cost counted)."""
        if not self.known or not self.have:
            return 1.0
        return min(1.0, (self.want or 0.0) / self.have)

    def describe(self) -> str:
        if not self.comparable:
            return "units measure different things"
        if not self.known:
            return "a quantity or unit is missing: the need is taken as met, the score's quantity term is 0.50"
        return f"covers {self.share:.2f} of {self.want:g} {self.unit} with {self.have:g} {self.unit}"


def cover(have: float | None, have_unit: str | None, want: float | None, want_unit: str | None) -> Cover:
    """Cover of a need by a capacity, in the need's unit. Incompatible units are not comparable."""
    a, b = unit(have_unit), unit(want_unit)
    if a is not None and b is not None and a.dimension != b.dimension:
        return Cover(False, False)
    if have is None or want is None or a is None or b is None:
        return Cover(True, False)
    return Cover(True, True, float(have) * a.factor / b.factor, float(want), b.name)
