"""/intake: the issue-cluster proposals, the committee's decisions and the chain of councils, in Persian
(English with ?lang=en), for the directorate and analysts signed in at /signin. Read only: decisions are
recorded through GraphQL (``decideIssueProposal``, ``decideIntakeList``)."""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.analysis.vocab.lists import ISSUE_SOURCES, term
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.pictures.words import jdate, num
from service.registry import intake
from service.registry.intake_chain import chain_of, council_decisions, steps
from service.registry.repository import Repository
from service.registry.specs import AGENCY, ISSUE
from service.site import catalogue_page
from service.site.errors import page
from service.site.intake_words import say
from service.site.lang import Lang, lang_of

router = APIRouter(include_in_schema=False)
router.include_router(catalogue_page.router)


def _e(text: object) -> str:
    return html.escape(str(text or ""))


def _own(row: dict[str, Any], field: str, lang: Lang) -> str:
    """A record's Persian text, or its English one on English pages where it has one."""
    return str((row.get(field.removesuffix("Fa") + "En") if lang == "en" else None) or row.get(field) or row.get("id", ""))


def _badges(issue: dict[str, Any], lang: Lang) -> str:
    source = term(ISSUE_SOURCES, str(issue.get("source") or ""))
    out = ""
    if source:
        out += f'<span class="badge source" title="{_e(source.label(lang))}">{say(lang, "source_n", n=num(source.position, lang=lang))}</span> '
    if issue.get("level"):
        out += f'<span class="badge level">{say(lang, str(issue["level"]))}</span>'
    return out


def _decided(d: dict[str, Any] | None, agencies: dict[str, Any], lang: Lang) -> str:
    if not d:
        return "—"
    extra = ""
    if d.get("priority"):
        owner = _own(agencies.get(str(d.get("ownerAgencyId")), {}), "nameFa", lang)
        extra = say(lang, "priority_owner", p=num(d["priority"], lang=lang), owner=_e(owner))
    return (f'<strong class="outcome {d["outcome"]}">{say(lang, d["outcome"])}</strong>{extra}'
            f'<br><span class="muted">{_e(d["reason"])} — {_e(d["decidedBy"])}، {jdate(d["at"][:10], lang)}</span>')  # fmt: skip


@router.get("/intake", response_class=HTMLResponse)
async def intake_page(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    lang = lang_of(request)
    store = runtime.store
    repo = Repository(store)
    found = await intake.proposals(store)
    rows = await intake.decisions(repo)
    force = intake.in_force(rows)
    issues = await repo.get_many(ISSUE, sorted({i for p in found for i in p.cluster.member_ids}))
    agencies = await repo.get_many(AGENCY, sorted({str(r["ownerAgencyId"]) for r in rows if r.get("ownerAgencyId")}))
    body = [f'<h1>{say(lang, "intake_h1")}</h1><p class="muted">{say(lang, "intake_intro")}</p>',
            f'<h2>{say(lang, "proposals")}</h2><div class="table-wrap"><table id="proposals"><thead><tr>'
            + "".join(f"<th>{say(lang, k)}</th>" for k in ("rank", "title", "members", "severity", "score", "decision"))
            + "</tr></thead><tbody>"]  # fmt: skip
    for p in found:
        m = p.cluster
        members = "<br>".join(f"{_e(_own(issues.get(i, {'id': i}), 'titleFa', lang))} {_badges(issues.get(i, {}), lang)}"
                              for i in m.member_ids)  # fmt: skip
        title = _own(issues.get(m.lead_id or m.member_ids[0], {"titleFa": m.title}), "titleFa", lang)
        merged = f' <em>({say(lang, "merged")})</em>' if m.merged else ""
        body.append(f'<tr data-key="{p.key}"><td>{num(p.rank, lang=lang)}</td><td>{_e(title)}{merged}</td><td>{members}</td>'
                    f"<td>{say(lang, m.severity)}</td><td>{num(m.priority, lang=lang)}</td><td>{_decided(force.get(p.key), agencies, lang)}</td></tr>")
    body.append("</tbody></table></div>")
    approved = intake.approved_list(rows)
    body.append(f'<h2>{say(lang, "approved", n=num(len(approved), lang=lang))}</h2><ol id="approved">')
    body += [f"<li>{_e(r.get('titleFa'))} — {say(lang, 'priority', p=num(r['priority'], lang=lang))}</li>" for r in approved]
    body.append(f'</ol><h2>{say(lang, "chain")}</h2><ol class="chain" id="chain">')
    for s in steps(chain_of(settings), await council_decisions(store), intake.list_hash(approved), bool(approved)):
        said = ""
        if s.decision:
            said = (f'<br><span class="muted">{_e(s.decision["reason"])} — {_e(s.decision["decidedBy"])}، '
                    f'{jdate(s.decision["at"][:10], lang)}</span>')  # fmt: skip
        name = s.body.en if lang == "en" else s.body.fa
        body.append(f'<li data-body="{s.body.code}" data-status="{s.status}"><strong>{_e(name)}</strong>: {say(lang, "s_" + s.status)}{said}</li>')
    body.append("</ol>")
    return page(say(lang, "intake_title"), "".join(body), current="/intake", request=request)
