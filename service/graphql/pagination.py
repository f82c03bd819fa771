"""Relay-style connections over offset cursors, with a lazy ``totalCount`` and a capped page size."""

import base64
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from service.errors import ServiceError

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of results; totalCount costs one more query, only when asked")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count_fn: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field
    async def total_count(self) -> int:
        return await self.count_fn()

    @strawberry.field(description="The nodes of the edges, for clients that need no cursors")
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def encode_cursor(offset: int, order: str = "") -> str:
    """``order`` (a composed list's sort and filter, hashed) is kept in the cursor, so a cursor is
    never read under another order; plain lists have none and their cursors are as they were."""
    return base64.urlsafe_b64encode(f"o:{offset}{':' + order if order else ''}".encode()).decode()


def decode_cursor(cursor: str | None, order: str = "") -> int:
    """The offset after which the next page starts; a bad cursor, or one made under another sort
    or filter, is the client's error."""
    if not cursor:
        return 0
    try:
        kind, _, rest = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        value, _, made_for = rest.partition(":")
        if kind == "o" and int(value) >= 0 and made_for == order:
            return int(value) + 1
    except (ValueError, UnicodeDecodeError):
        pass
    raise ServiceError("BAD_CURSOR", f"not a cursor from this API for this sort and filter: {cursor!r}",
                       "نشانگر صفحه نادرست است یا از مرتب‌سازی و فیلتر دیگری است", field="after")  # fmt: skip


def page_size(first: int | None, default: int, maximum: int) -> int:
    size = default if first is None else first
    if size < 0 or size > maximum:
        raise ServiceError(
            "PAGE_SIZE",
            f"first must be between 0 and {maximum}",
            f"اندازهٔ صفحه باید بین ۰ و {maximum} باشد",
            field="first",
        )
    return size


def connection(nodes: list[T], skip: int, size: int, count_fn: Callable[[], Awaitable[int]],
               order: str = "") -> Connection[T]:  # fmt: skip
    """Build a page from ``size + 1`` fetched rows (the extra one says whether more follow)."""
    has_next = len(nodes) > size
    nodes = nodes[:size]
    edges = [Edge(cursor=encode_cursor(skip + i, order), node=n) for i, n in enumerate(nodes)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=skip > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_fn=count_fn,
    )
