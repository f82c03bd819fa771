"""The agency portal: server-rendered Persian (right-to-left) pages for agency staff who will
not write GraphQL. Jinja2 templates, no build step, nothing loaded from outside the app.

Mount with ``app.include_router(service.portal.router)``; it serves everything under /portal.
"""

from service.portal.router import router

__all__ = ["router"]
