"""One error family for the whole service: a machine code, a Persian and an English message."""

from __future__ import annotations

from typing import Any

from service.storage import errors as store_errors


class ServiceError(Exception):
    """An error a client can act on; ``extensions`` is what GraphQL and JSON answers carry."""

    def __init__(
        self,
        code: str,
        message_en: str,
        message_fa: str,
        *,
        field: str | None = None,
        status: int = 400,
        details: Any = None,
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_en = message_en
        self.message_fa = message_fa
        self.field = field
        self.status = status
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        ext: dict[str, Any] = {"code": self.code, "messageFa": self.message_fa, "messageEn": self.message_en}
        if self.field:
            ext["field"] = self.field
        if self.details is not None:
            ext["details"] = self.details
        return ext


def not_found(kind: str, ident: str, field: str | None = None) -> ServiceError:
    return ServiceError(
        "NOT_FOUND",
        f"{kind} {ident!r} does not exist",
        f"«{ident}» در ثبت ({kind}) پیدا نشد",
        field=field,
        status=404,
    )


def version_conflict(kind: str, ident: str, current: int | None) -> ServiceError:
    return ServiceError(
        "VERSION_CONFLICT",
        f"{kind} {ident!r} was changed by someone else (now at version {current}); reload and retry",
        f"«{ident}» را کس دیگری تغییر داده است (نسخهٔ کنونی {current})؛ دوباره بخوانید و تکرار کنید",
        field="expectedVersion",
        status=409,
        details={"currentVersion": current},
    )


def from_store(exc: store_errors.StoreError) -> ServiceError:
    """Explain a storage failure without leaking its internals."""
    if isinstance(exc, store_errors.Unavailable):
        return ServiceError(
            "STORE_UNAVAILABLE",
            "the registry's store is not answering; try again shortly",
            "پایگاه دادهٔ ثبت پاسخ نمی‌دهد؛ کمی بعد دوباره تلاش کنید",
            status=503,
        )
    if isinstance(exc, store_errors.Conflict):
        return ServiceError(
            "DUPLICATE",
            "a record with this id already exists",
            "رکوردی با این شناسه از پیش وجود دارد",
            field="id",
            status=409,
        )
    if isinstance(exc, store_errors.NotFound):
        return ServiceError("NOT_FOUND", exc.detail, "پیدا نشد", status=404)
    return ServiceError("INTERNAL", "internal error", "خطای داخلی", status=500)


# Persian messages for pydantic's error types; the English one comes from pydantic.
_FA = {
    "missing": "این فیلد لازم است",
    "string_too_short": "این فیلد نباید خالی باشد",
    "string_too_long": "متن بیش از اندازه بلند است",
    "enum": "این مقدار در فهرست مقدارهای مجاز نیست",
    "string_pattern_mismatch": "قالب شناسه درست نیست (فقط حروف لاتین، رقم و - _ . :)",
    "int_parsing": "باید عدد صحیح باشد",
    "float_parsing": "باید عدد باشد",
    "greater_than_equal": "نباید منفی باشد",
    "less_than_equal": "بیش از اندازه بزرگ است",
    "value_error": "مقدار نادرست است",
    "extra_forbidden": "این فیلد شناخته نیست",
    "too_short": "این فیلد نباید خالی باشد",
    "finite_number": "باید عددی متناهی باشد (NaN و Infinity پذیرفته نیست)",
    "control_character": "نویسهٔ کنترلی دارد ({code})؛ آن را بردارید",
    "invisible_only": "چیزی نشان نمی‌دهد: فقط نویسه‌های نامرئی (فاصلهٔ صفر، جهت‌نما) دارد",
    "unknown_geography": "کد جغرافیا شناخته نیست ({code})؛ نمونه: city، D8، samen، province",
    "unknown_code": "این کد در واژگان شناخته نیست ({code})؛ نمونه: {example}",
    "date_out_of_range": "تاریخ بیرون از بازهٔ ثبت است: ۱۳۰۰/۰۱/۰۱ تا ۱۴۹۹/۱۲/۲۹ شمسی",
}


def from_validation(exc: Any) -> ServiceError:
    """Turn a pydantic ``ValidationError`` into one ServiceError listing every bad field."""
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        if not loc and ":" in msg:  # model-level checks name their field first
            loc, msg = (part.strip() for part in msg.split(":", 1))
        kind = err.get("type", "")
        fa = _FA.get(kind, "مقدار نادرست است").format(**(err.get("ctx") or {}))
        if "COFOG" in msg:
            fa = "کد کارکرد در طبقه‌بندی COFOG نیست (نمونه: ۰۶ یا ۰۶.۲)"
        if "date" in msg and kind == "value_error":
            fa = "تاریخ نادرست است (نمونه: ۱۴۰۳/۰۲/۱۵ یا 2024-05-04)"
        problems.append({"field": loc, "messageEn": msg, "messageFa": fa})
    first = problems[0] if problems else {"field": None, "messageEn": "invalid input", "messageFa": "ورودی نادرست"}
    return ServiceError(
        "VALIDATION",
        "; ".join(f"{p['field']}: {p['messageEn']}" for p in problems) or "invalid input",
        "؛ ".join(f"{p['field']}: {p['messageFa']}" for p in problems) or "ورودی نادرست",
        field=first["field"],
        details=problems,
    )
