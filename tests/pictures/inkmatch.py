"""Compare text in a rendered image with a reference rendering, without OCR.

The reference is drawn by Pillow with libraqm (HarfBuzz shaping and the Unicode bidi algorithm),
an engine independent of matplotlib, in the same Vazirmatn font. Both are cut to their ink, scaled
to the smaller one's size, and compared as grey images (Pearson correlation): the right text in the right order
scores near 1; the same letters reversed or unjoined score far lower.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

SIZE = (240, 32)
BLUR = 1.0  # hinting and anti-aliasing differ between engines by about a pixel


def has_raqm() -> bool:
    return bool(features.check("raqm"))


def ink_box(gray: np.ndarray, threshold: int = 160) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the pixels darker than ``threshold``."""
    ys, xs = np.nonzero(gray < threshold)
    if len(xs) == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def reference(text: str, px: int = 64) -> np.ndarray:
    """``text`` drawn black on white by Pillow + libraqm in Vazirmatn, cut to its ink."""
    path = resources.files("service.static").joinpath("fonts/Vazirmatn-Regular.ttf")
    with resources.as_file(path) as real:
        font = ImageFont.truetype(str(real), px, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (px * (len(text) + 4), px * 3), 255)
    ImageDraw.Draw(image).text((px, px // 2), text, font=font, fill=0)
    gray = np.asarray(image)
    box = ink_box(gray)
    assert box is not None
    return gray[box[1] : box[3], box[0] : box[2]]


def similarity(found: np.ndarray, expected: np.ndarray) -> float:
    """Correlation of two ink crops scaled to one size; aspect ratios that differ by more than a
    third (a cut or wrapped label) score 0."""
    ratio_found, ratio_expected = found.shape[1] / found.shape[0], expected.shape[1] / expected.shape[0]
    if not 0.75 < ratio_found / ratio_expected < 1.33:
        return 0.0
    size = (min(found.shape[1], expected.shape[1], SIZE[0]), min(found.shape[0], expected.shape[0], SIZE[1]))
    a, b = (np.asarray(Image.fromarray(x).resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(BLUR)),
                       dtype=float).ravel() for x in (found, expected))  # fmt: skip
    return float(np.corrcoef(a, b)[0, 1])
