"""Requests GraphQL refuses before running anything (bad JSON, no query, a mutation over GET) and
documents that do not parse or validate: a GraphQL error body with a code and a Persian sentence
beside the English reason, never plain text or the English wrapped in Persian."""

import re

from graphql import GraphQLError

from service.errors import ServiceError
from service.text.persian import to_persian_digits

REASONS: dict[str, str] = {
    "Unsupported content type": "نوع محتوای درخواست پذیرفته نیست؛ بدنه را با Content-Type: application/json بفرستید.",
    "Unable to parse request body as JSON": "بدنهٔ درخواست JSON درستی نیست.",
    "Unable to parse request variables as JSON": "متغیرهای درخواست JSON درستی نیستند.",
    "Batching is not enabled": "فرستادن چند عملیات در یک درخواست پذیرفته نیست؛ هر عملیات را جدا بفرستید.",
    "No GraphQL query found in the request": "درخواست هیچ متن GraphQL ندارد.",
    "mutations are not allowed when using GET": "تغییر داده با GET ممکن نیست؛ آن را با POST بفرستید.",
}
_MUST_BE = re.compile(r"The GraphQL operation's `(\w+)` must be (a string|an object) or null")
_UNKNOWN_OPERATION = re.compile(r'Unknown operation named "([^"]*)"')


def persian_reason(reason: str) -> str:
    """The Persian sentence for a refusal strawberry or our POST route gives in English."""
    if reason in REASONS:
        return REASONS[reason]
    if found := _MUST_BE.search(reason):
        kind = "رشته" if found.group(2) == "a string" else "شیء"
        return f"بخش «{found.group(1)}» در عملیات GraphQL باید {kind} یا null باشد."
    if found := _UNKNOWN_OPERATION.search(reason):
        return f"عملیاتی به نام «{found.group(1)}» در متن درخواست نیست."
    return "درخواست GraphQL پذیرفته نشد؛ علت به انگلیسی در messageEn آمده است."


def refused(reason: str, status: int = 400) -> ServiceError:
    return ServiceError("BAD_REQUEST", reason, persian_reason(reason), status=status)


def _where(error: GraphQLError) -> str:
    if not error.locations:
        return ""
    at = error.locations[0]
    return to_persian_digits(f" (سطر {at.line}، ستون {at.column})")


_TOO_MANY_TOKENS = re.compile(r"more than (\d+) tokens")


def document_error(error: GraphQLError) -> ServiceError:
    """A document that does not parse (a Persian sentence saying where), or does not fit the schema."""
    if too_long := _TOO_MANY_TOKENS.search(error.message):
        fa = f"متن درخواست GraphQL بیش از حد بلند است (بیش از {to_persian_digits(too_long.group(1))} نشانه)؛ آن را کوتاه‌تر کنید."
    elif error.message.startswith("Syntax Error"):
        fa = f"متن درخواست GraphQL دستور زبان درستی ندارد{_where(error)}؛ آن را بررسی کنید."
    else:
        fa = f"متن درخواست GraphQL با طرح‌وارهٔ هماهنگ نمی‌خواند{_where(error)}؛ نام‌ها و آرگومان‌ها را بررسی کنید."
    return ServiceError("BAD_REQUEST", error.message, fa)
