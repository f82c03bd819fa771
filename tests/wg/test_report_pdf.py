"""The transparency report's PDF, drawn by fpdf2 with HarfBuzz shaping, checked the way a reader sees
it: its page rendered to an image by PDFium (pypdfium2), the ink where right-to-left text puts it, the
Persian text read back in order, the font embedded. The image is saved for a person to look at."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from service.transparency.content import Published
from service.transparency.pdf import report_pdf
from tests.conftest import GraphQL

SAMPLE = Published(
    id="wr-sample", group_fa="کارگروه مذاکره و تأمین مالی", period_fa="نیمهٔ نخست ۱۴۰۵", title_fa="گزارش شفافیت مالی",
    summary_fa="راهبرد کوتاه‌مدت تأمین مالی بررسی شد.", published_fa="۱۴۰۵/۰۹/۰۱", approved_by_fa="معاونت امور مشترکین",
    secretariat_fa="پژوهشکده آب و محیط زیست", supervisors_fa="معاونت امور مشترکین",
    figures=[("جلسه‌های برگزارشده", "۲"), ("مصوبه‌ها", "۱۲")],
)  # fmt: skip


TITLE_ROWS = (150, 192)  # pixel rows of the title line at scale 2 (measured on the sample)


def ink_columns(image: Image.Image, top: int, bottom: int) -> tuple[int, int] | None:
    """Leftmost and rightmost columns with dark pixels between rows ``top`` and ``bottom``."""
    gray = image.convert("L")
    box = gray.crop((0, top, gray.width, bottom)).point(lambda v: 255 if v < 128 else 0)
    found = box.getbbox()
    return (found[0], found[2]) if found else None


def rendered(data: bytes, tmp_path: Path, name: str) -> tuple[pdfium.PdfDocument, Image.Image]:
    document = pdfium.PdfDocument(data)
    image = document[0].render(scale=2).to_pil()
    path = tmp_path / f"{name}.png"
    image.save(path)
    print(f"rendered page: {path}")
    return document, image


def test_the_pdf_page_reads_right_to_left_in_persian(tmp_path: Path) -> None:
    document, image = rendered(report_pdf(SAMPLE), tmp_path, "sample")
    assert len(document) == 1
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    # PDFium reads the shaped text back in glyph runs (a word may come in two pieces), so whole words
    # are what can be asked for: the Persian is there as text, not as pictures of letters
    text = document[0].get_textpage().get_text_range()
    for word in ("گزارش", "مذاکره", "مشترکین", "نخست", "راهبرد"):
        assert word in text, (word, text[:300])
    # right to left: every heading line ends at the right margin (18 mm) and starts well away from the left one
    margin = round(18 / 25.4 * 72 * 2)  # in pixels at scale 2
    for top in (round(image.height * 0.02), round(image.height * 0.05)):
        span = ink_columns(image, top + margin // 2, top + margin)
        assert span is not None
        assert abs(span[1] - (image.width - margin)) < 12 and span[0] > image.width * 0.3, span
    # the font is Vazirmatn, embedded (no font substitution by the reader)
    raw = report_pdf(SAMPLE)
    assert b"Vazirmatn" in raw and b"/FontFile2" in raw


def test_letters_are_joined_not_drawn_one_by_one(tmp_path: Path) -> None:
    """HarfBuzz joins Persian letters: the same title with a zero-width non-joiner between every two
    letters (nothing visible added, joining forbidden) comes out measurably wider. Without shaping both
    would be drawn from the same isolated forms, and as wide."""
    title = SAMPLE.title_fa
    apart_title = "\u200c".join(title)
    joined = ink_columns(rendered(report_pdf(SAMPLE), tmp_path, "joined")[1], *TITLE_ROWS)
    apart = ink_columns(rendered(report_pdf(replace(SAMPLE, title_fa=apart_title)), tmp_path, "apart")[1], *TITLE_ROWS)
    assert joined is not None and apart is not None
    assert (joined[1] - joined[0]) < 0.9 * (apart[1] - apart[0]), (joined, apart)


def test_the_published_demo_report_renders(demo: GraphQL, tmp_path: Path) -> None:
    reports = demo.ok("{ transparencyReports(status: PUBLISHED) { id titleFa pdfUrl } }")["transparencyReports"]
    assert reports
    response = demo.client.get(reports[0]["pdfUrl"])  # no sign-in
    document, image = rendered(response.content, tmp_path, "demo")
    assert "گزارش" in document[0].get_textpage().get_text_range()
    assert ink_columns(image, 0, image.height) is not None
