"""Is the duplication analysis still right as the registry grows? In memory, on the generator's own
registries (city, 3× city, province): the time of ``analyse_duplication`` beside the recall of the
planted duplicate pairs (a rewrite of another agency's duty: spelling variants, a dropped word). A
time counts only with recall ≥ 0.99 beside it (issue 16: a fixed TF-IDF cut made the province fast by
finding 14 of 4,915).

``python -m bench.recall [city,3x,province]`` prints one line per scale; ``measure`` returns them.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass

from bench.generate import generate
from service.analysis.duplication import analyse_duplication, finding_id
from service.analysis.snapshot import Snapshot
from service.settings import DuplicationParams

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
        return (f"{self.scale:<9} {self.duties:>7,} duties  {self.seconds:7.2f} s  planted {self.planted:>5,}  "
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


def main(names: list[str]) -> int:
    ok = True
    for name in names:
        r = measure(name, SCALES[name])
        print(r.line(), flush=True)
        ok &= r.recall >= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].split(",") if len(sys.argv) > 1 else list(SCALES)))
