"""How each kind of record looks: colour, shape, Persian and English legend names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Look:
    color: str
    shape: str
    name_fa: str
    name_en: str


LOOKS: dict[str, Look] = {
    "Agency": Look("#0f6e5a", "box", "دستگاه", "Agency"),
    "Duty": Look("#2f6fdb", "dot", "وظیفه", "Duty"),  # a dot: an ellipse sized to a hidden label covered agencies
    "Capacity": Look("#2e9e4f", "triangle", "ظرفیت", "Capacity"),
    "Need": Look("#e08a00", "triangleDown", "نیاز", "Need"),
    "Issue": Look("#c8341f", "diamond", "مسئله", "Issue"),
    "Exchange": Look("#7a3fc4", "star", "مبادله", "Exchange"),
    "Request": Look("#5d6b82", "square", "درخواست", "Request"),
    "WorkingGroup": Look("#0e8aa6", "hexagon", "کارگروه", "Working group"),
    "Cluster": Look("#334155", "database", "گروه دستگاه‌ها", "Agency group"),
    "Stakeholder": Look("#b5179e", "ellipse", "ذی‌نفع", "Stakeholder"),  # #19.3: an overlay, never a request's receiver
}
CLASS_COLORS = {"duplication": "#c8341f", "overlap": "#e08a00", "fragmentation": "#9aa3b2"}
# one colour per win-win opportunity (cycled)
PALETTE = ("#c8341f", "#2f6fdb", "#2e9e4f", "#7a3fc4", "#e08a00", "#0e8aa6", "#b5179e", "#6b7f00", "#8c564b", "#17becf")

RLI, PDI = "\u2067", "\u2069"


def rtl(text: str) -> str:
    """Isolate a label right-to-left so digits and Latin inside Persian keep their order on the canvas."""
    return f"{RLI}{text}{PDI}"
