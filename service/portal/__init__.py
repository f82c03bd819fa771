"""The agency portal: server-rendered Persian (right-to-left) pages for agency staff who will
not write GraphQL. Jinja2 templates, no build step, nothing loaded from outside the app.

Mount with ``app.include_router(service.portal.router.router)``; it serves everything under /portal.
The package imports nothing itself: ``service.site.lang`` reads ``service.portal.i18n``, and an
eager import of the router here made that a circle (a notebook importing the heatmap failed).
"""
