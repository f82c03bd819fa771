"""Write the notebooks in notebooks/ from the cells below (outputs empty; the tests execute them)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OPEN = """from service.notebook import open_registry, inline
from service.settings import Settings
runtime = await open_registry()
store, settings = runtime.store, Settings()"""

NOTEBOOKS = {
    "01_explore_registry.ipynb": [
        new_markdown_cell("# کاوش در ثبت دستگاه‌ها\nExploring the registry: counts, the agency tree, one agency's neighbourhood."),
        new_code_cell(OPEN),
        new_code_cell("""from service.analysis.snapshot import load_snapshot
snap = await load_snapshot(store)
counts = {key: len(rows) for key, rows in snap.rows.items()}
assert counts["agency"] > 0, "the registry is empty"
counts"""),
        new_code_cell("""import networkx as nx
tree = nx.DiGraph((a["parentId"], a["id"]) for a in snap["agency"] if a.get("parentId"))
names = {a["id"]: a["nameFa"] for a in snap["agency"]}
roots = [n for n in tree if tree.in_degree(n) == 0]
def show(node, depth=0):
    print("  " * depth + names.get(node, node))
    for child in sorted(tree.successors(node)):
        show(child, depth + 1)
for root in roots:
    show(root)"""),
        new_code_cell("""from service.pictures import registry_graph
from service.pictures.network import render
graph = registry_graph.build(snap)
ego = registry_graph.ego(graph, "ag-parks", 1)
print(ego.number_of_nodes(), "nodes around the parks organisation")
inline(render(ego, title="همسایگی سازمان پارک‌ها"))"""),
    ],
    "02_duplicated_work.ipynb": [
        new_markdown_cell("# موازی‌کاری\nDuplicated work: the agency matrix, the top findings with their evidence, confirming one."),
        new_code_cell(OPEN),
        new_code_cell("""from service.analysis import runner
from service.pictures import heatmap
result = await runner.duplication(store, settings)
from IPython.display import SVG
SVG(heatmap.svg(result.matrix, "ماتریس موازی‌کاری"))"""),
        new_code_cell("""top = [f for f in result.findings if f.classification == "duplication"]
for f in top:
    print(f.id, f.score, f.why)
assert top, "no duplication found"
result.parameters"""),
        new_code_cell("""from service.analysis.verdicts import fingerprint, save_verdict, load_verdicts
from service.domain.actor import Actor, Role
from service.registry.repository import Repository
from service.registry.specs import DUTY
finding = top[0]
duties = await Repository(store).get_many(DUTY, [finding.duty_a, finding.duty_b])
await save_verdict(store, finding.id, "confirmed", fingerprint(duties.values()), Actor("notebook", Role.DIRECTORATE), "تأیید در دفترچه")
again = await runner.duplication(store, settings)
confirmed = next(f for f in again.findings if f.id == finding.id)
assert confirmed.verdict == "confirmed"
confirmed"""),
    ],
    "03_win_win.ipynb": [
        new_markdown_cell("# فرصت‌های برد-برد\nWin-win: who can help whom, the reciprocal pairs and cycles, and the chosen set."),
        new_code_cell(OPEN),
        new_code_cell("""from service.analysis import runner
from service.pictures import heatmap
result = await runner.winwin(store, settings)
from IPython.display import SVG
SVG(heatmap.svg(result.matrix, "ماتریس برد-برد"))"""),
        new_code_cell("""from service.analysis.snapshot import load_snapshot
snap = await load_snapshot(store, ("agency", "capacity"))
names = {a["id"]: a["nameFa"] for a in snap["agency"]}
for o in result.opportunities:
    print(o.kind, " → ".join(names.get(a, a) for a in o.agencies), f"{o.net_benefit_rials:,.0f} ریال", "برگزیده" if o.chosen else "")
assert any(o.kind == "cycle" for o in result.opportunities)
print("total chosen:", f"{result.total_chosen_rials:,.0f}")"""),
        new_code_cell("""from service.pictures import overlays
from service.pictures.network import render
graph, legend = overlays.winwin_graph(snap, result)
inline(render(graph, title="فرصت‌های برد-برد", extra_legend=legend))"""),
        new_code_cell("await runtime.store.close()"),
    ],
}

if __name__ == "__main__":
    folder = Path(__file__).resolve().parent.parent / "notebooks"
    for name, cells in NOTEBOOKS.items():
        book = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        nbformat.write(book, folder / name)
        print("wrote", name)
