"""Are the analyses still right as the registry grows? In memory, on the generator's own registries
(city, 3× city, province): the time of ``analyse_duplication`` beside the recall of the planted
duplicate pairs (a rewrite of another agency's duty: spelling variants, a dropped word), and the time
of ``analyse_winwin`` beside the recall of the planted mirrored needs (a need restating another
agency's capacity, live on the bench's day). A time counts only with recall ≥ 0.99 beside it (issue 16:
a fixed TF-IDF cut made the province fast by finding 14 of 4,915).

``python -m bench.recall [city,3x,province] [duplication,winwin]`` prints one line per scale and
analysis; ``measure`` and ``measure_winwin`` return them.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from bench.generate import generate
from service.analysis import present
from service.analysis.duplication import analyse_duplication, finding_id
from service.analysis.snapshot import Snapshot
from service.settings import DuplicationParams, WinWinParams

SCALES = {"city": 1, "3x": 3, "province": 10}
TARGET = 0.99


@dataclass
class Recall:
    scale: str
    duties: int
    planted: int
    found: int
    as_duplication: int
    findings: int
    seconds: float
    cpu_seconds: float  # the process's CPU time: steadier than the wall clock on a shared machine

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    def line(self) -> str:
        verdict = "met" if self.recall >= TARGET else "NOT met"
        what = "caps+needs" if self.scale.endswith(" ww") else "duties"
        return (f"{self.scale:<11} {self.duties:>7,} {what}  {self.seconds:7.2f} s  planted {self.planted:>5,}  "
                f"(cpu {self.cpu_seconds:6.2f} s)  found {self.found:>5,} (recall {self.recall:.3f}, {verdict}; as duplication {self.as_duplication:,})  "
                f"findings {self.findings:,}")  # fmt: skip


def measure(scale: str, units: int) -> Recall:
    truth: dict[str, list[tuple[str, str]]] = {}
    bundle = generate(units, sections=("agencies", "duties"), truth=truth)
    snap = Snapshot(rows={"agency": bundle["agencies"], "duty": [dict(d, version=1) for d in bundle["duties"]]})
    started, cpu = time.perf_counter(), time.process_time()
    result = analyse_duplication(snap, DuplicationParams(), {})
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    kinds = {f.id: f.classification for f in result.findings}
    planted = [finding_id(a, b) for a, b in truth["duplicates"]]
    found = Counter(kinds.get(p) for p in planted)
    return Recall(scale, len(bundle["duties"]), len(planted), len(planted) - found[None], found["duplication"],
                  len(result.findings), seconds, cpu)  # fmt: skip


BENCH_TODAY = "2024-03-20"  # bench.common.settings: the generator's windows lie in 1401-1404


def mirror_recall(mirrors: list[tuple[str, str]], caps: dict[str, dict[str, Any]], needs: dict[str, dict[str, Any]],
                  result: Any, today: str) -> tuple[int, int]:  # fmt: skip
    """(due, found) of the planted mirrors: *due* when the capacity and the need are both live on
    ``today`` and their windows meet; *found* when the pair is a match (new or already in place), or
    the need already has an offer in place (it is being met, so no other offer is recommended)."""
    pairs = {(m.capacity_id, m.target_id) for m in result.matches + result.in_place}
    being_met = {m.target_id for m in result.in_place}
    due = found = 0
    for cap_id, need_id in mirrors:
        cap, need = caps.get(cap_id), needs.get(need_id)
        if cap is None or need is None:
            continue
        if present.status_on(cap, "capacity", today) not in present.LIVE or present.status_on(need, "need", today) not in present.LIVE:
            continue
        if not present.windows_meet(cap, need, today):
            continue
        due += 1
        found += (cap_id, need_id) in pairs or need_id in being_met
    return due, found


def measure_winwin(scale: str, units: int) -> Recall:
    from service.analysis.memory import snapshot_of
    from service.analysis.winwin import analyse_winwin

    truth: dict[str, list[tuple[str, str]]] = {}
    # with the duties (an agency without a place of its own acts where its duties apply: winwin_place.py);
    # without exchanges and requests: nothing is in place, so every due mirror must be a new match (stricter,
    # and a province's 700,000 exchanges and requests need not be validated in memory)
    snap = snapshot_of(generate(units, sections=("agencies", "duties", "capacities", "needs", "issues"), truth=truth))
    caps, needs = snap["capacity"], snap["need"]
    started, cpu = time.perf_counter(), time.process_time()
    result = analyse_winwin(snap, WinWinParams(), BENCH_TODAY)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    due, found = mirror_recall(truth["mirrors"], {c["id"]: c for c in caps}, {n["id"]: n for n in needs}, result, BENCH_TODAY)
    return Recall(f"{scale} ww", len(caps) + len(needs), due, found, found, len(result.matches), seconds, cpu)


def main(names: list[str], analyses: list[str]) -> int:
    from service.gc_tuning import tune_gc

    tune_gc()  # as the service's entry points do
    ok = True
    for name in names:
        for analysis in analyses:
            r = measure(name, SCALES[name]) if analysis == "duplication" else measure_winwin(name, SCALES[name])
            print(r.line(), flush=True)
            ok &= r.recall >= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].split(",") if len(sys.argv) > 1 else list(SCALES),
                  sys.argv[2].split(",") if len(sys.argv) > 2 else ["duplication", "winwin"]))  # fmt: skip
