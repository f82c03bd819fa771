"""A published transparency report as a PDF, drawn by fpdf2 with HarfBuzz text shaping (uharfbuzz):
Persian letters joined and ordered right to left, in the bundled Vazirmatn font, embedded as a subset.
Checked by rendering its pages to images (tests/transparency)."""

from __future__ import annotations

from importlib import resources

from fpdf import FPDF

from service.transparency.content import Published

FONT = "Vazirmatn"


def _font_path() -> str:
    return str(resources.files("service.static").joinpath("fonts/Vazirmatn-Regular.ttf"))


def _line(pdf: FPDF, text: str, size: float, height: float, color: tuple[int, int, int] = (20, 20, 20)) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*color)
    pdf.multi_cell(w=0, h=height, text=text, align="R", new_x="LMARGIN", new_y="NEXT")


def report_pdf(report: Published) -> bytes:
    """One A4 document: heading, who reports and who approved, the summary, the figures as a table."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font(FONT, fname=_font_path())
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    pdf.set_title(report.title_fa)
    pdf.set_lang("fa")
    pdf.set_creator("Hamahang")
    pdf.add_page()
    _line(pdf, "گزارش شفافیت", 11, 7, (15, 110, 90))
    _line(pdf, report.title_fa, 17, 10)
    _line(pdf, f"{report.group_fa} — {report.period_fa}", 12, 8, (70, 70, 70))
    pdf.ln(2)
    for label, value in (("دبیرخانه", report.secretariat_fa), ("ناظر", report.supervisors_fa),
                         ("تأییدکننده", report.approved_by_fa), ("تاریخ انتشار", report.published_fa)):  # fmt: skip
        _line(pdf, f"{label}: {value}", 10.5, 6.5, (50, 50, 50))
    pdf.ln(3)
    _line(pdf, "خلاصه", 13, 8, (15, 110, 90))
    _line(pdf, report.summary_fa, 11, 7)
    pdf.ln(3)
    _line(pdf, "آمار دوره", 13, 8, (15, 110, 90))
    pdf.set_font(FONT, size=11)
    pdf.set_text_color(20, 20, 20)
    width = pdf.epw
    for label, value in report.figures:
        # right to left: the label on the right, the number at the left edge of the row
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin + width * 0.25)
        pdf.cell(w=width * 0.75, h=8, text=label, border="B", align="R", new_x="LEFT", new_y="TOP")
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(w=width * 0.25, h=8, text=value, border="B", align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
