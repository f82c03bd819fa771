"""Learning from the directorate's verdicts (GAO step 3 feeding back into step 1).

Findings the directorate confirmed or dismissed train a logistic regression on the evidence features
(text, concept meets, function, beneficiaries, geography, class, money); calibrated by cross-validated
sigmoid scaling (scikit-learn's ``CalibratedClassifierCV``) when each side has enough verdicts. The
model gives every finding the probability an officer would confirm it: findings are ranked by it
within their class, and re-classed where it is clear (a duplication below ``DEMOTE`` becomes an
overlap, an overlap below it a fragmentation; a fragmentation above ``PROMOTE`` an overlap). With too
few verdicts (fewer than ``MIN_VERDICTS``, or fewer than ``MIN_EACH`` of either kind) the rules stand.
The report says how many verdicts it learnt from and how well calibrated it is (Brier score and a
reliability table, both cross-validated).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from service.analysis.duplication import DuplicationFinding
    from service.analysis.evidence import Evidence

MIN_VERDICTS = 8
MIN_EACH = 3
DEMOTE = 0.2
PROMOTE = 0.8
CLASSES = ("duplication", "overlap", "fragmentation")
FEATURES = ("text", "object_meet", "act_meet", "same_activity", "similar_activity", "same_group", "same_division",
            "beneficiaries", "named_area", "duplication", "overlap", "fragmentation", "log_at_stake")  # fmt: skip


def features(kind: str, e: Evidence, at_stake_rials: int) -> list[float]:
    return [
        e.text, e.object_meet, e.act_meet, float(e.same_activity), float(e.similar_activity), float(e.same_group),
        float(e.same_division), float(bool(e.beneficiaries)), float(e.named_area),
        *(float(kind == c) for c in CLASSES), math.log10(1 + at_stake_rials) / 13,
    ]  # fmt: skip


@dataclass
class Learning:
    """What the model learnt and how far to trust it."""

    verdicts: int = 0
    confirmed: int = 0
    dismissed: int = 0
    active: bool = False
    brier: float | None = None  # cross-validated; 0 is perfect, 0.25 a coin
    calibration: list[dict[str, float]] = field(default_factory=list)  # bin: predicted mean, observed rate, count
    coefficients: dict[str, float] = field(default_factory=dict)
    note: str = ""


def learn(findings: list[DuplicationFinding], rows: list[list[float]]) -> Learning:
    """Fit on the judged findings and set each finding's ``confidence``; re-rank and re-class."""
    judged = [i for i, f in enumerate(findings) if f.verdict in ("confirmed", "dismissed")]
    y = np.asarray([1 if findings[i].verdict == "confirmed" else 0 for i in judged])
    info = Learning(verdicts=len(judged), confirmed=int(y.sum()), dismissed=int(len(y) - y.sum()))
    if len(judged) < MIN_VERDICTS or info.confirmed < MIN_EACH or info.dismissed < MIN_EACH:
        info.note = (f"rules stand: {info.verdicts} verdicts ({info.confirmed} confirmed, {info.dismissed} dismissed); "
                     f"learning needs {MIN_VERDICTS} with {MIN_EACH} of each")  # fmt: skip
        return info
    from sklearn.calibration import CalibratedClassifierCV  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.model_selection import StratifiedKFold, cross_val_predict  # type: ignore[import-untyped]

    x = np.asarray([rows[i] for i in judged])
    folds = StratifiedKFold(n_splits=min(3, info.confirmed, info.dismissed), shuffle=True, random_state=0)
    base = LogisticRegression(C=1.0, max_iter=1000)
    model = CalibratedClassifierCV(base, method="sigmoid", cv=folds)
    model.fit(x, y)
    held = cross_val_predict(CalibratedClassifierCV(base, method="sigmoid", cv=folds), x, y, cv=folds,
                             method="predict_proba")[:, 1]  # fmt: skip
    info.brier = round(float(np.mean((held - y) ** 2)), 4)
    info.calibration = _reliability(held, y)
    plain = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    info.coefficients = {name: round(float(c), 3) for name, c in zip(FEATURES, plain.coef_[0], strict=True)}
    info.active = True
    info.note = f"learnt from {info.verdicts} verdicts ({info.confirmed} confirmed, {info.dismissed} dismissed)"
    probabilities = model.predict_proba(np.asarray(rows))[:, 1]
    for f, p in zip(findings, probabilities.tolist(), strict=True):
        f.confidence = round(p, 4)
        if f.verdict is None:
            f.classification = _reclass(f.classification, p)
    return info


def _reclass(kind: str, p: float) -> str:
    if p < DEMOTE and kind in ("duplication", "overlap"):
        return "overlap" if kind == "duplication" else "fragmentation"
    if p > PROMOTE and kind == "fragmentation":
        return "overlap"
    return kind


def _reliability(p: np.ndarray, y: np.ndarray, bins: int = 5) -> list[dict[str, float]]:
    out = []
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in pairwise(edges):
        inside = (p >= lo) & ((p < hi) | (hi == 1.0))
        if inside.any():
            out.append({"from": round(float(lo), 2), "to": round(float(hi), 2), "predicted": round(float(p[inside].mean()), 3),
                        "observed": round(float(y[inside].mean()), 3), "count": int(inside.sum())})  # fmt: skip
    return out


def as_dict(info: Learning) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(info)
