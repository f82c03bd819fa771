"""``GET /graphql``: the same admission as POST (``GraphQLPost.admitted``): automatic persisted
queries by hash (Apollo's ``useGETForHashedQueries``: ``?extensions={"persistedQuery":…}`` without
``query``) and the cost limit, shared with POST (a hash POST registered runs over GET and back).

Strawberry's router still serves GET (the GraphiQL page, the WebSocket); this subclass only admits
the operation it parsed, and takes a hash-only GET for an operation, never for the page."""

from collections.abc import Callable
from typing import Any

from fastapi.responses import Response
from strawberry.http import GraphQLRequestData

from service.graphql.errors import ShapedGraphQLRouter
from service.graphql.persisted import NOT_FOUND_BODY, PersistedQueryNotFound
from service.graphql.websocket import LegacyWSHandler, TransportWSHandler
from service.replies import dumps

Admission = Callable[[dict[str, Any]], dict[str, Any]]


def asks_for_page(method: str | None, accept: str, params: Any) -> bool:
    """A browser opening /graphql (the GraphiQL page): GET, HTML, no operation in the URL. A GET
    with ``extensions`` (a persisted query's hash) is an operation, whatever it accepts."""
    return method == "GET" and "text/html" in accept and "query" not in params and "extensions" not in params


class AdmittingGraphQLRouter(ShapedGraphQLRouter):
    # subscriptions only over the socket, each with its own context, the cost limit, the token checked per event
    graphql_transport_ws_handler_class = TransportWSHandler
    graphql_ws_handler_class = LegacyWSHandler

    def __init__(self, *args: Any, admission: Admission | None = None, max_tokens: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.admission = admission
        self.max_tokens = max_tokens  # the schema's token limit: the socket parses no further

    def should_render_graphql_ide(self, request: Any) -> bool:
        return super().should_render_graphql_ide(request) and "extensions" not in request.query_params

    async def parse_http_body(self, request: Any) -> Any:
        data = await super().parse_http_body(request)
        if request.method != "GET" or self.admission is None or not isinstance(data, GraphQLRequestData):
            return data
        admitted = self.admission({"query": data.query, "variables": data.variables,
                                   "operationName": data.operation_name, "extensions": data.extensions})  # fmt: skip
        return GraphQLRequestData(query=admitted.get("query"), variables=admitted.get("variables"),
                                  operation_name=admitted.get("operationName"), extensions=admitted.get("extensions"),
                                  protocol=data.protocol)  # fmt: skip

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().run(*args, **kwargs)
        except PersistedQueryNotFound:  # Apollo's clients then send the document with its hash
            return Response(dumps(NOT_FOUND_BODY), status_code=200, media_type="application/json")
