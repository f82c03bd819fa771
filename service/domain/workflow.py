"""The request workflow: which status may follow which, and who may move it."""

from __future__ import annotations

from enum import Enum

from service.domain.enums import RequestStatus as S


class Party(str, Enum):
    """Which side of a request moves it: the receiver works it, the sender may withdraw it."""

    SENDER = "sender"
    RECEIVER = "receiver"


TRANSITIONS: dict[S, dict[S, Party]] = {
    S.DRAFT: {S.SUBMITTED: Party.SENDER, S.WITHDRAWN: Party.SENDER},
    S.SUBMITTED: {S.ACKNOWLEDGED: Party.RECEIVER, S.WITHDRAWN: Party.SENDER},
    S.ACKNOWLEDGED: {S.IN_PROGRESS: Party.RECEIVER, S.REJECTED: Party.RECEIVER, S.WITHDRAWN: Party.SENDER},
    S.IN_PROGRESS: {S.DONE: Party.RECEIVER, S.REJECTED: Party.RECEIVER, S.WITHDRAWN: Party.SENDER},
    S.DONE: {},
    S.REJECTED: {},
    S.WITHDRAWN: {},
}
OPEN_STATUSES = frozenset({S.SUBMITTED, S.ACKNOWLEDGED, S.IN_PROGRESS})


def allowed(current: S, target: S) -> Party | None:
    """The party allowed to make this move, or None when the move is illegal."""
    return TRANSITIONS[current].get(target)
