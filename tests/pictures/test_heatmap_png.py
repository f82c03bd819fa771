"""What the matrix PNG shows: Persian joined and in reading order, names whole, plain text.

matplotlib >= 3.10 shapes Arabic script itself; the PNG used to reshape and reorder on top and
printed «ماتریس موازی‌کاری» reversed and unjoined while its header test passed. Here each text is
cut out of the image and compared with the same text drawn by Pillow + libraqm (inkmatch.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.pictures import heatmap
from tests.conftest import GraphQL
from tests.pictures.inkmatch import has_raqm, ink_box, reference, similarity

pytestmark = pytest.mark.skipif(not has_raqm(), reason="Pillow without libraqm cannot draw the reference")
TITLE = "ماتریس موازی‌کاری"
LONG = "معاونت حمل و نقل و ترافیک شهرداری مشهد مقدس"


def _gray(png: bytes, shot: Path) -> np.ndarray:
    shot.write_bytes(png)
    print(f"PNG written to {shot}")
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(np.uint8)


def _title(gray: np.ndarray) -> np.ndarray:
    """The first band of inked rows from the top: the title."""
    rows = np.nonzero((gray < 160).any(axis=1))[0]
    top = end = int(rows[0])
    while end + 1 < gray.shape[0] and (gray[end + 1] < 160).any():
        end += 1
    band = gray[top : end + 1]
    box = ink_box(band)
    assert box is not None
    return band[:, box[0] : box[2]]


def _row_label(png: bytes) -> tuple[np.ndarray, int]:
    """The text right of a one-cell grid (the grid is the widest run of green columns);
    returns the crop and how many pixels of white lie between it and the image's right edge."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    green = (rgb[..., 1] - rgb[..., 0] > 40) & (rgb[..., 1] - rgb[..., 2] > 20)
    cols = np.nonzero(green.any(axis=0))[0]
    runs = np.split(cols, np.nonzero(np.diff(cols) > 1)[0] + 1)
    grid = max(runs, key=len)
    rows = np.nonzero(green[:, grid].any(axis=1))[0]
    gray = rgb.mean(axis=2).astype(np.uint8)
    right = gray[rows[0] : rows[-1] + 1, int(grid[-1]) + 12 :]
    box = ink_box(right)
    assert box is not None, "no row label right of the grid"
    return right[box[1] : box[3], box[0] : box[2]], right.shape[1] - box[2]


def _one_cell(name: str) -> AgencyMatrix:
    matrix = AgencyMatrix("test", [AgencyRef("a0", name)])
    matrix.add("a0", "a0", 1.0)
    return matrix


def test_title_is_persian_in_reading_order(tmp_path: Path) -> None:
    gray = _gray(heatmap.png(_one_cell(LONG), TITLE), tmp_path / "title.png")
    found = _title(gray)
    right, reversed_ = similarity(found, reference(TITLE)), similarity(found, reference(TITLE[::-1]))
    assert right > 0.85 and right > reversed_ + 0.4, (right, reversed_)


@pytest.mark.parametrize(("name", "margin_over_reversed"), [(LONG, 0.3), ("$\\frac{1}{$ سازمان", 0.0), ("منطقهٔ ۹ (x^2_y)", 0.1)])
def test_row_labels_are_whole_plain_text(name: str, margin_over_reversed: float, tmp_path: Path) -> None:
    png = heatmap.png(_one_cell(name), TITLE)
    _gray(png, tmp_path / "row.png")
    label, margin = _row_label(png)
    assert margin >= 2, "the label touches the right edge: cut"
    score, reversed_ = similarity(label, reference(name)), similarity(label, reference(name[::-1]))
    assert score > 0.8 and score > reversed_ + margin_over_reversed, f"row label unlike its reference ({score:.2f}, reversed {reversed_:.2f})"


def test_scale_speaks_persian_digits() -> None:
    assert [heatmap.scale_label(v) for v in (0.0, 3.0, 0.25)] == ["۰", "۳", "۰٫۲۵"]


def test_mathtext_agency_name_through_http(demo: GraphQL) -> None:
    """Issue 13.17: a name holding "$\\frac{1}{$" used to make the PNG a 500."""
    demo.ok('mutation { updateAgency(id: "ag-parks", input: {nameFa: "$\\\\frac{1}{$ پارک‌ها"}) { id } }')
    for name in ("followup", "collaboration", "duplication", "winwin"):
        response = demo.get(f"/matrix/{name}.png")
        assert response.status_code == 200 and response.content[:8] == b"\x89PNG\r\n\x1a\n", name
