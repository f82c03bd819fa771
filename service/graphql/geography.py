"""The geography hierarchy as a tree (issue 19 item 4): the province, its cities, Mashhad with its 13
districts and Samen, from the one file agencies' geography codes and the analyses both read."""

from typing import Any

import strawberry
from strawberry.types import Info

from service.errors import ServiceError


@strawberry.type(description="An area of the geography hierarchy with the areas inside it")
class GeographyNode:
    code: str = strawberry.field(description="What agencies' geographyCode and duties' geography hold")
    kind: str | None = strawberry.field(description="country, province, city or district (null for a code the directorate added)")
    name_fa: str
    name_en: str
    labels_fa: list[str] = strawberry.field(description="Every Persian name the analyses recognise for it")
    children: "list[GeographyNode]"


def _node(data: dict[str, Any]) -> GeographyNode:
    return GeographyNode(code=data["code"], kind=data["kind"], name_fa=data["fa"], name_en=data["en"],
                         labels_fa=data["labelsFa"], children=[_node(c) for c in data["children"]])  # fmt: skip


async def geography_tree(info: Info, code: str = "province") -> GeographyNode:
    """The hierarchy under ``code`` (default: the province), the directorate's added codes included."""
    from service.analysis.vocab.geography import geo_tree
    from service.analysis.vocab.terms import load_terms, vocabularies

    with vocabularies(await load_terms(info.context.repo.store)):
        data = geo_tree(code)
    if data is None:
        raise ServiceError("VALIDATION", f"code: unknown geography code {code!r} (e.g. iran, province, city, D8, samen)",
                           f"code: کد جغرافیا شناخته نیست ({code})؛ نمونه: province، city، D8، samen", field="code")  # fmt: skip
    return _node(data)
