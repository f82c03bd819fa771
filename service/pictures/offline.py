"""Make pyvis pages work with no internet, in Persian (FIELD-NOTES.md, pyvis #222 #228 #229).

pyvis inlines vis-network with ``cdn_resources="in_line"`` but still links Bootstrap on a CDN and
a ``../node_modules`` copy; those tags are removed. The Vazirmatn font comes from /static (the
standalone SVG downloads inline it) and the network is drawn only after it has loaded (else node
boxes keep the fallback font's sizes); physics is switched off once the layout has stabilised.
"""

from __future__ import annotations

import base64
import html
import re
from functools import cache
from importlib import resources

from service.site.lang import Lang, direction
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
#mynetwork{border:1px solid #d9dee7;background:#fff}
#mynetwork canvas{direction:rtl}
div.vis-tooltip{font-family:"Vazirmatn",Tahoma,sans-serif!important;direction:rtl;text-align:right;white-space:pre-line;
  max-width:26rem;font-size:.85rem;line-height:1.6;background:#fff!important;color:#1d2330!important;border:1px solid #9aa3b2!important}
.hh-head{padding:.3rem 1rem 0;display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
.hh-head h1{font-size:1.15rem;margin:0}
.hh-info{padding:.1rem 1rem;font-size:.9rem;color:#4a5263}
.hh-legend{padding:.2rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem .9rem;font-size:.85rem}
.hh-legend i,.hh-toggles i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-inline-end:.3rem;vertical-align:middle}
.hh-form{display:flex;flex-wrap:wrap;gap:.5rem;padding:.4rem 1rem;font-size:.85rem;align-items:end}
.hh-form label{display:flex;flex-direction:column}
.hh-form input,.hh-form select,.hh-form button,.hh-tools select,.hh-tools input,.hh-tools button{font-family:inherit;font-size:.9rem}
.hh-tools{display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:.3rem 1rem;align-items:end;font-size:.88rem}
.hh-tools label{display:flex;flex-direction:column}
.hh-search{position:relative;display:flex;flex-direction:column}
.hh-search input{width:16rem;max-width:70vw;padding:.25rem .4rem}
#hh-suggest{position:absolute;top:100%;inset-inline-start:0;z-index:20;background:#fff;border:1px solid #9aa3b2;list-style:none;
  margin:0;padding:0;min-width:18rem;max-width:80vw;box-shadow:0 4px 10px #0002}
#hh-suggest li{padding:.25rem .5rem;cursor:pointer} #hh-suggest li:hover{background:#e3f4ee}
#hh-suggest small{color:#4a5263}
.hh-layers{padding:0 1rem;font-size:.85rem} .hh-layers summary{cursor:pointer}
.hh-toggles{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
.hh-toggles.edges{color:#4a5263}
#hh-stage{display:flex;gap:.6rem;padding:.3rem 1rem;align-items:flex-start}
#hh-stage>.card{flex:1;min-width:0;border:none}
#hh-panel{width:22rem;max-width:100%;max-height:74vh;overflow:auto;background:#fff;border:1px solid #d9dee7;border-radius:6px;
  padding:.5rem .8rem;font-size:.88rem}
#hh-panel h2{font-size:1.05rem;margin:.2rem 0}
#hh-panel dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .6rem;margin:.4rem 0}
#hh-panel dt{color:#4a5263} #hh-panel dd{margin:0}
#hh-panel .actions{display:flex;flex-wrap:wrap;gap:.35rem}
#hh-panel a.button{background:#0f6e5a;color:#fff;border-radius:4px;padding:.15rem .5rem;text-decoration:none;font-size:.85rem}
#hh-panel ul.near{list-style:none;padding:0;margin:0}
#hh-panel ul.near button{background:none;border:none;color:#0b5c4b;cursor:pointer;font-family:inherit;text-align:start;padding:.1rem 0}
@media (max-width:800px){#hh-stage{flex-direction:column}#hh-panel{width:auto}}
"""


LTR_CSS = "body,#mynetwork canvas{direction:ltr}div.vis-tooltip{direction:ltr;text-align:left}"  # English pages


def finish(page: str, *, title: str, info: str, counts: str, form: str = "", current: str = "", controls: str = "",
           data: str = "{}", lang: Lang = "fa", switch: str = "") -> str:  # fmt: skip
    """Strip external references; add navigation, title, counts, the explorer's controls and side
    panel, and the font-gated draw that fits the view and starts the explorer once stable."""
    page = _EXTERNAL.sub("", page)
    page = page.replace("<html>", f'<html lang="{lang}" dir="{direction(lang)}">', 1)
    head = (f'<title>{html.escape(title)}</title><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/static/hamahang.css">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGE_CSS}{LTR_CSS if lang == "en" else ""}</style>')  # fmt: skip
    page = page.replace("</head>", head + "</head>", 1)
    safe = data.replace("</", "<\\/")  # JSON inside a script element: no "</script>" can end it early
    top = (f'{nav_bar(current, lang=lang, switch=switch)}'
           f'<div class="hh-head"><h1>{html.escape(title)}</h1><span id="hh-counts">{html.escape(counts)}</span></div>'
           f'{form}<div class="hh-info" id="hh-info">{html.escape(info)}</div>{controls}'
           '<div id="hh-stage"><aside id="hh-panel" hidden aria-live="polite"></aside></div>'
           f'<script type="application/json" id="hh-data">{safe}</script>')  # fmt: skip
    page = page.replace("<body>", "<body>" + top, 1)
    page = page.replace("</body>", '<script src="/static/explorer.js"></script></body>', 1)
    draw = (
        "document.fonts.load('16px Vazirmatn').then(function(){"
        "var n=drawGraph();window.hamahangNetwork=n;"
        "var done=function(){n.setOptions({physics:false});n.fit();"
        "var bar=document.getElementById('loadingBar');if(bar){bar.style.display='none';}"
        "window.hamahangExplorerStart();window.hamahangStable=true;};"
        "if(n.physics&&n.physics.options&&n.physics.options.enabled){n.once('stabilizationIterationsDone',done);}else{done();}"
        "});"
    )
    head_part, _, tail = page.rpartition("drawGraph();")
    return head_part + draw + tail
