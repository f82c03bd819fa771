"""What a notification can say, and whose inbox a recipient key names."""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    REQUEST_NEW = "request_new"
    REQUEST_MOVED = "request_moved"
    REQUEST_DUE_SOON = "request_due_soon"
    REQUEST_OVERDUE = "request_overdue"
    REQUEST_ESCALATED = "request_escalated"
    AGREEMENT_STEP_AWAITING = "agreement_step_awaiting"
    PLAN_ACTION_LATE = "plan_action_late"


AGENCY = "agency"
TOKEN = "token"


def agency_inbox(agency_id: str) -> str:
    """Every token of an agency reads one inbox, and marks it read for all of them."""
    return f"{AGENCY}:{agency_id}"


def token_inbox(token_id: str) -> str:
    """A directorate (or analyst) user's own inbox: one per API token."""
    return f"{TOKEN}:{token_id}"


def kind_of(recipient: str) -> str:
    return recipient.split(":", 1)[0]
