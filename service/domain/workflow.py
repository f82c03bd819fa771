"""The request workflow: which status may follow which, and who may move it."""

from enum import Enum

from service.domain.enums import ActionStatus as A, PlanStatus as P, RequestStatus as S


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


# -- coordination plans (issue #18.1) -------------------------------------------------------------
# proposed → approved is not a move: the last step of the approval chain makes it (service/registry/plans.py)
PLAN_MOVES: dict[P, frozenset[P]] = {
    P.DRAFT: frozenset({P.PROPOSED}),
    P.PROPOSED: frozenset(),
    P.APPROVED: frozenset({P.ACTIVE}),
    P.ACTIVE: frozenset({P.CLOSED}),
    P.CLOSED: frozenset(),
}
# each action move and who may make it: the directorate always; "owner": an owner agency too
ACTION_MOVES: dict[A, dict[A, str]] = {
    A.PROPOSED: {A.AGREED: "directorate", A.CANCELLED: "directorate"},
    A.AGREED: {A.IN_PROGRESS: "owner", A.CANCELLED: "directorate"},
    A.IN_PROGRESS: {A.DONE: "owner", A.CANCELLED: "directorate"},
    A.DONE: {},
    A.CANCELLED: {},
}
OPEN_ACTIONS = frozenset({A.PROPOSED, A.AGREED, A.IN_PROGRESS})
