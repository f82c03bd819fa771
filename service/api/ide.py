"""GraphiQL at /graphql and Swagger UI at /docs from this service's own files.

Both pages used to load React, GraphiQL and Swagger UI from unpkg/jsDelivr, and showed "Loading…"
forever on the directorate's intranet. `make vendor` installs the npm packages (tools/web-vendor)
and copies the bundles to service/static/vendor/; these pages reference only those.
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/static/vendor"
FILES = ("graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js",
         "swagger-ui-bundle.js", "swagger-ui.css")  # fmt: skip
MISSING = (
    "<!doctype html><html lang='fa' dir='rtl'><meta charset='utf-8'><title>{title}</title>"
    "<body style='font-family:sans-serif'><h1>{title}</h1><p>پرونده‌های مرورگر نصب نشده‌اند: <code>make vendor</code> را اجرا کنید.</p>"
    "<p dir='ltr'>The browser assets are not installed: run <code>make vendor</code> (make run and make test do).</p></body></html>"
)  # fmt: skip


def missing() -> list[str]:
    """The vendored files this checkout lacks (empty once `make vendor` ran)."""
    folder = resources.files("service.static").joinpath("vendor")
    return [name for name in FILES if not folder.joinpath(name).is_file()]


GRAPHIQL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hamahang GraphiQL</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="{vendor}/graphiql.min.css">
<style>body{{margin:0;height:100vh;overflow:hidden;display:flex;flex-direction:column}}
#bar{{font:14px sans-serif;padding:4px 10px;background:#0f6e5a;color:#fff;display:flex;gap:14px}} #bar a{{color:#fff}}
#graphiql{{flex:1;min-height:0}}</style></head>
<body><div id="bar"><strong>Hamahang</strong><a href="/">home</a>
<span>Send <code>Authorization: Bearer &lt;token&gt;</code> in the Headers tab below.</span></div>
<div id="graphiql">Loading…</div>
<script src="{vendor}/react.production.min.js"></script>
<script src="{vendor}/react-dom.production.min.js"></script>
<script src="{vendor}/graphiql.min.js"></script>
<script>
const url = window.location.href.split("?")[0];
const fetcher = GraphiQL.createFetcher({{url: url}});
const asked = new URLSearchParams(window.location.search).get("q");
const start = "# Hamahang: the inter-agency coordination registry.\\n# Put your token in Headers: {{\\"Authorization\\": \\"Bearer hmh_...\\"}}\\n" +
  "{{\\n  agencies(first: 5) {{ totalCount nodes {{ id nameFa nameEn kind }} }}\\n}}\\n";
ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GraphiQL, {{
  fetcher: fetcher, defaultQuery: asked || start, isHeadersEditorEnabled: true, shouldPersistHeaders: true,
  defaultEditorToolsVisibility: "headers"
}}));
</script></body></html>
"""


def graphiql_page() -> HTMLResponse:
    if missing():
        return HTMLResponse(MISSING.format(title="GraphiQL"), status_code=503)
    return HTMLResponse(GRAPHIQL.format(vendor=VENDOR))


def docs_router(openapi_url: str) -> APIRouter:
    """/docs: Swagger UI on the vendored bundle (FastAPI's own page points at a CDN)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    async def docs() -> HTMLResponse:
        if missing():
            return HTMLResponse(MISSING.format(title="API docs"), status_code=503)
        return get_swagger_ui_html(
            openapi_url=openapi_url, title="Hamahang API", swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
            swagger_css_url=f"{VENDOR}/swagger-ui.css", swagger_favicon_url="/favicon.ico",
        )  # fmt: skip

    return router
