"""Make pyvis pages work with no internet, in Persian (FIELD-NOTES.md, pyvis #222 #228 #229).

pyvis inlines vis-network with ``cdn_resources="in_line"`` but still links Bootstrap on a CDN and
a ``../node_modules`` copy; those tags are removed. The Vazirmatn font is inlined as base64 and
the network is drawn only after it has loaded (else node boxes keep the fallback font's sizes);
physics is switched off once the layout has stabilised, and the page says how much it shows.
"""

from __future__ import annotations

import base64
import html
import re
from functools import cache
from importlib import resources

from service.site.nav import nav_bar

_EXTERNAL = re.compile(
    r'<link[^>]*href="(?:https?:)?//[^"]*"[^>]*/?>|<script[^>]*src="(?:https?:)?//[^"]*"[^>]*>\s*</script>'
    r'|<link[^>]*href="\.\./node_modules[^"]*"[^>]*/?>|<script[^>]*src="\.\./node_modules[^"]*"[^>]*>\s*</script>',
    re.S,
)


@cache
def font_face() -> str:
    """The @font-face rule with the shipped font inlined (immutable data, read once)."""
    data = resources.files("service.static").joinpath("fonts/Vazirmatn-Regular.woff2").read_bytes()
    encoded = base64.b64encode(data).decode()
    return f'@font-face{{font-family:"Vazirmatn";src:url(data:font/woff2;base64,{encoded}) format("woff2");font-display:block}}'


PAGE_CSS = """
body{font-family:"Vazirmatn",Tahoma,sans-serif;margin:0;direction:rtl;background:#f7f8fa;color:#1d2330}
#mynetwork canvas{direction:rtl}
.hh-head{padding:.3rem 1rem 0;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.hh-head h1{font-size:1.1rem;margin:0}
.hh-info{padding:.3rem 1rem;font-size:.9rem;color:#5b6475}
.hh-legend{padding:.3rem 1rem;display:flex;flex-wrap:wrap;gap:.9rem;font-size:.85rem}
.hh-legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-inline-end:.3rem;vertical-align:middle}
.hh-form{display:flex;flex-wrap:wrap;gap:.5rem;padding:.4rem 1rem;font-size:.85rem;align-items:end}
.hh-form label{display:flex;flex-direction:column}
.hh-form input,.hh-form select,.hh-form button{font-family:inherit}
.card{border:none}
"""


def finish(page: str, *, title: str, info: str, legend: list[tuple[str, str]], form: str = "", current: str = "") -> str:
    """Strip external references, add font, navigation, title, counts, legend and the font-gated draw."""
    page = _EXTERNAL.sub("", page)
    page = page.replace("<html>", '<html lang="fa" dir="rtl">', 1)
    head = (f'<title>{html.escape(title)}</title><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/static/hamahang.css">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGE_CSS}</style>')  # fmt: skip
    page = page.replace("</head>", head + "</head>", 1)
    legend_html = "".join(f'<span><i style="background:{c}"></i>{html.escape(n)}</span>' for n, c in legend)
    top = (f'{nav_bar(current)}<div class="hh-head"><h1>{html.escape(title)}</h1></div>'
           f'{form}<div class="hh-info" id="hh-info">{html.escape(info)}</div><div class="hh-legend">{legend_html}</div>')  # fmt: skip
    page = page.replace("<body>", "<body>" + top, 1)
    draw = (
        "document.fonts.load('16px Vazirmatn').then(function(){"
        "var n=drawGraph();window.hamahangNetwork=n;"
        "var done=function(){n.setOptions({physics:false});window.hamahangStable=true;};"
        "if(n.physics&&n.physics.options&&n.physics.options.enabled){n.once('stabilizationIterationsDone',done);}else{done();}"
        "});"
    )
    head_part, _, tail = page.rpartition("drawGraph();")
    return head_part + draw + tail
