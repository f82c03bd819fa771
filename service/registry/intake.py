"""Issue intake (seed 001): the issue clusters become proposals a committee decides.

A proposal is one merged issue of ``service/analysis/issue_clusters.py`` (or an issue on its own) with a
stable key made of its member ids, so a decision keeps naming the same issues however the ranking moves.
The committee (the first body of the chain, ``intake_chain.py``) records per proposal: merge its issues,
keep it as proposed, or reject it; merge and keep carry a priority (1..n) and an owner agency. Every
decision is a node of its own (who, when, why), written with its audit event in one statement, so the
history stays; the latest per proposal is the one in force.

Every decision moves the intake round's version on by one (``cypher/intake/round.cypher``): a decision
checked against one state of the chain is refused when another landed in between (VERSION_CONFLICT).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from service.analysis.snapshot import load_snapshot
from service.domain.actor import Actor
from service.domain.enums import ProposalOutcome
from service.errors import ServiceError, not_found, version_conflict
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.intake_chain import ChainBody, committee_of
from service.registry.repository import Repository
from service.registry.specs import AGENCY, ISSUE
from service.storage.port import GraphStore, Row

if TYPE_CHECKING:  # numpy, scipy and networkx load when proposals are first computed (tests/test_startup.py)
    from service.analysis.issue_clusters import MergedIssue

KIND = "intake_decision"  # the policy's key for these records (service/auth/policy.py PARTIES)


@dataclass(frozen=True)
class Proposal:
    key: str
    rank: int  # the computed ranking, 1 first
    cluster: MergedIssue


def proposal_key(member_ids: Iterable[str]) -> str:
    """The same issues, the same key: ``ip-`` and 12 hex of the sorted member ids' SHA-1."""
    text = "|".join(sorted(member_ids))
    return "ip-" + hashlib.sha1(text.encode()).hexdigest()[:12]


async def proposals(store: GraphStore) -> list[Proposal]:
    """The open issue clusters, ranked, as proposals (the whole registry: directorate and analysts)."""
    from service.analysis.issue_clusters import cluster_issues

    clusters = cluster_issues(await load_snapshot(store, ("agency", "issue")))
    return [Proposal(proposal_key(m.member_ids), n, m) for n, m in enumerate(clusters.issues, 1)]


async def round_version(store: GraphStore) -> int:
    rows = await store.read("intake/round")
    return int(rows[0]["version"]) if rows else 0


async def decisions(repo: Repository, *, keys: list[str] | None = None, issue_ids: list[str] | None = None) -> list[Row]:
    """Committee decisions, oldest first, as the reader may read them: an agency gets those on issues
    it raised or is concerned by, and sees of their member issues only the ones it may read."""
    viewer = repo.view.viewer(KIND)
    rows = [r["node"] for r in await repo.store.read("intake/decisions", {"viewerId": viewer, "keys": keys, "issueIds": issue_ids})]
    rows = [r for r in rows if repo.view.readable(KIND, r)]
    if viewer is None or not rows:
        return rows
    readable = await repo.get_many(ISSUE, sorted({i for r in rows for i in r.get("memberIds") or []}))
    return [_redacted(r, readable) for r in rows]


def _redacted(row: Row, readable: dict[str, Row]) -> Row:
    """An agency's copy: member ids it may not read left out, the title one of its own issues' when the
    proposal's title came from an issue it may not read (a cluster joins several agencies' issues)."""
    members = [i for i in row.get("memberIds") or [] if i in readable]
    title = row.get("titleFa")
    if row.get("leadIssueId") not in readable and members:
        title = readable[members[0]].get("titleFa")
    return row | {"memberIds": members, "titleFa": title, "partyIds": None}


def in_force(rows: Iterable[Row]) -> dict[str, Row]:
    """The latest decision per proposal key (rows come oldest first)."""
    latest: dict[str, Row] = {}
    for row in rows:
        latest[row["proposalKey"]] = row
    return latest


def approved_list(rows: Iterable[Row]) -> list[Row]:
    """The proposals the committee kept (merged or as proposed), by priority, then key."""
    kept = [r for r in in_force(rows).values() if r["outcome"] != ProposalOutcome.REJECT.value]
    return sorted(kept, key=lambda r: (int(r.get("priority") or 0), r["proposalKey"]))


def list_hash(approved: Iterable[Row]) -> str:
    """What a council approves: the kept proposals with their priorities and owners."""
    text = ";".join(f"{r['proposalKey']}:{r['outcome']}:{r.get('priority')}:{r.get('ownerAgencyId')}" for r in approved)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _refuse(code: str, en: str, fa: str, field: str | None = None, status: int = 422) -> ServiceError:
    return ServiceError(code, en, fa, field=field, status=status)


def _check(outcome: ProposalOutcome, members: int, count: int, priority: int | None, owner: str | None, reason: str) -> str:
    """The decision's fields make sense together; returns the reason, trimmed."""
    why = (reason or "").strip()
    if not 3 <= len(why) <= 2000:
        raise _refuse("VALIDATION", "reason: say why, in 3 to 2000 characters", "دلیل تصمیم را در ۳ تا ۲۰۰۰ نویسه بنویسید", "reason")
    if outcome is ProposalOutcome.REJECT:
        if priority is not None or owner:
            raise _refuse("VALIDATION", "priority/ownerAgencyId: a rejected proposal takes no priority or owner",
                          "پیشنهاد ردشده اولویت و متولی نمی‌گیرد", "priority")  # fmt: skip
        return why
    if outcome is ProposalOutcome.MERGE and members < 2:
        raise _refuse("VALIDATION", "outcome: a proposal of one issue has nothing to merge; keep or reject it",
                      "این پیشنهاد تنها یک مسئله دارد و چیزی برای تلفیق نیست؛ آن را نگه دارید یا رد کنید", "outcome")  # fmt: skip
    if priority is None or not 1 <= priority <= count:
        raise _refuse("VALIDATION", f"priority: give a priority from 1 to {count} (the number of proposals)",
                      f"اولویت را عددی از ۱ تا {count} (شمار پیشنهادها) بدهید", "priority")  # fmt: skip
    if not owner:
        raise _refuse("VALIDATION", "ownerAgencyId: a kept proposal needs the agency that owns it",
                      "پیشنهاد پذیرفته‌شده باید دستگاه متولی داشته باشد", "ownerAgencyId")  # fmt: skip
    return why


async def _basis(repo: Repository, found: list[Proposal], key: str, outcome: ProposalOutcome) -> dict[str, Any]:
    """What a decision on ``key`` records of its proposal: the current one's, or, for a proposal whose
    issues have changed since (a new issue joined, one was resolved), the last decision's, which may then
    only be withdrawn (REJECT): the current proposal is the one to decide."""
    proposal = next((p for p in found if p.key == key), None)
    if proposal is not None:
        m = proposal.cluster
        return {"memberIds": list(m.member_ids), "partyIds": sorted(set(m.agencies_affected)), "leadIssueId": _lead(m),
                "titleFa": m.title, "severity": m.severity, "score": m.priority, "rank": proposal.rank}  # fmt: skip
    earlier = await decisions(repo, keys=[key])
    if not earlier:
        raise not_found("IssueProposal", key, "key")
    if outcome is not ProposalOutcome.REJECT:
        raise _refuse("VALIDATION", "outcome: this proposal's issues have changed since it was decided; it can only be withdrawn "
                      "(REJECT): decide the current proposal instead",
                      "مسائل این پیشنهاد از زمان تصمیم تغییر کرده است؛ تنها می‌توان آن را کنار گذاشت (رد)؛ دربارهٔ پیشنهاد کنونی تصمیم بگیرید",
                      "outcome")  # fmt: skip
    last = earlier[-1]
    return {k: last.get(k) for k in ("memberIds", "partyIds", "leadIssueId", "titleFa", "severity", "score")} | {"rank": None}


async def decide(repo: Repository, chain: list[ChainBody], actor: Actor, key: str, outcome: ProposalOutcome,
                 reason: str, priority: int | None = None, owner_agency_id: str | None = None,
                 expected_round: int | None = None) -> Row:  # fmt: skip
    """Record the committee's decision on the proposal ``key`` (a current one, or one decided before)."""
    store = repo.store
    outcome = ProposalOutcome(outcome)
    found = await proposals(store)
    basis = await _basis(repo, found, key, outcome)
    why = _check(outcome, len(basis["memberIds"]), len(found), priority, owner_agency_id, reason)
    if owner_agency_id:
        await repo.get(AGENCY, owner_agency_id, field="ownerAgencyId")
    current = await round_version(store)
    if expected_round is not None and expected_round != current:
        raise version_conflict("IntakeRound", "current", current)
    ident = new_id("idc")
    now = now_iso()
    props: dict[str, Any] = {"proposalKey": key, "outcome": outcome.value, "reason": why, "body": committee_of(chain).code,
                             **{k: v for k, v in basis.items() if v is not None},
                             "decidedBy": actor.name, "role": actor.role.value, "at": now, "createdAt": now}  # fmt: skip
    if priority is not None:
        props["priority"] = priority
    if owner_agency_id:
        props["ownerAgencyId"] = owner_agency_id
    params = {"id": ident, "props": props, "memberIds": list(basis["memberIds"]), "ownerAgencyId": owner_agency_id,
              "expectedVersion": current, "now": now, "audit": audit_event(actor, "decide_proposal", "IntakeDecision", ident, None, props)}  # fmt: skip
    rows = await store.write("intake/decide", params)
    if not rows:
        raise version_conflict("IntakeRound", "current", await round_version(store))
    return dict(rows[0]["node"])


def _lead(m: MergedIssue) -> str:
    """The member whose title the proposal carries (the most severe, open, first one)."""
    return m.lead_id or m.member_ids[0]
