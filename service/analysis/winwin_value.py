"""The value model of a win-win match (benefit to the receiver, cost to the provider, each with where its
figure comes from) and what each party of an opportunity gains and gives."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from service.analysis import present
from service.analysis.winwin_result import Match, Party
from service.settings import WinWinParams


def need_match(cap: dict[str, Any], need: dict[str, Any], sim: float, score: float, fit: Any,
                shared: list[str], params: WinWinParams) -> Match:  # fmt: skip
    """The value model of one match: benefit pro rata to the share of the need covered, cost pro
    rata to the share of the capacity used; each with where its figure comes from."""
    stated = need.get("valueRials")
    value = float(stated if stated is not None else params.default_value_rials)
    quantity, left = need.get("quantity"), present.remaining(need, "need")
    still = (left / float(quantity)) if quantity and left is not None else 1.0  # a partly met need is worth its rest
    benefit = value * still * fit.share
    if stated is not None:
        source = f"stated value {int(stated):,} rials" + (f" ({need['valueSource']})" if need.get("valueSource") else "")
    else:
        source = f"default {params.default_value_rials:,} rials (the need states no value)"
    source += f" × {still:.2f} still wanted × {fit.share:.2f} covered" if fit.known else " (no quantity to compare: taken as met)"
    cost_stated = cap.get("costRials")
    cost = float(cost_stated or 0) * fit.used
    cost_source = (f"stated cost {int(cost_stated):,} rials × {fit.used:.2f} of the capacity used" if cost_stated
                   else "no cost stated: 0")  # fmt: skip
    words = f"shared concepts {', '.join(sorted(shared))}" if shared else f"text {sim:.2f}"
    why = f"same kind ({need['kind']}), {words}, {fit.describe()}, windows meet from today"
    return Match(
        cap["id"], need["id"], "need", cap["agencyId"], need["agencyId"], round(score, 4), round(sim, 4),
        round(benefit, 2), round(cost, 2), why, source, cost_source,
        round(fit.share, 4) if fit.known else None, fit.unit,
    )  # fmt: skip


def parties_of(matches: list[Match]) -> list[Party]:
    gains: dict[str, float] = defaultdict(float)
    gives: dict[str, float] = defaultdict(float)
    for m in matches:
        gains[m.receiver] += m.benefit_rials
        gives[m.provider] += m.cost_rials
    return [Party(a, round(gains[a], 2), round(gives[a], 2)) for a in sorted(set(gains) | set(gives))]

