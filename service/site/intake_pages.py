"""/intake: the issue-cluster proposals, the committee's decisions and the chain of councils, in Persian
(directorate and analysts, signed in at /signin). Read only: decisions are recorded through GraphQL
(``decideIssueProposal``, ``decideIntakeList``)."""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.analysis.vocab.lists import ISSUE_SOURCES, term
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.domain.enums import ISSUE_LEVEL_FA
from service.pictures.words import jdate, num
from service.registry import intake
from service.registry.intake_chain import chain_of, council_decisions, steps
from service.registry.repository import Repository
from service.registry.specs import AGENCY, ISSUE
from service.site import catalogue_page
from service.site.errors import page

router = APIRouter(include_in_schema=False)
router.include_router(catalogue_page.router)
OUTCOME_FA = {"merge": "تلفیق و پذیرش", "keep": "پذیرش", "reject": "رد", "approved": "تصویب", "returned": "بازگشت به کمیته"}
STATUS_FA = {"committee": "کمیته: تصمیم دربارهٔ تک‌تک پیشنهادها", "approved": "تصویب شد", "returned": "بازگشت داده شد",
             "awaiting": "در نوبت تصمیم", "waiting": "در انتظار تصویب مرجع پیشین"}  # fmt: skip
SEVERITY_FA = {"low": "کم", "medium": "متوسط", "high": "زیاد", "critical": "بحرانی"}


def _e(text: object) -> str:
    return html.escape(str(text or ""))


def _badges(issue: dict[str, object]) -> str:
    source = term(ISSUE_SOURCES, str(issue.get("source") or ""))
    level = ISSUE_LEVEL_FA.get(str(issue.get("level") or ""))
    out = ""
    if source:
        out += f'<span class="badge source" title="{_e(source.fa)}">منبع {num(source.position)}</span> '
    if level:
        out += f'<span class="badge level">{_e(level)}</span>'
    return out


@router.get("/intake", response_class=HTMLResponse)
async def intake_page(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    store = runtime.store
    repo = Repository(store)
    found = await intake.proposals(store)
    rows = await intake.decisions(repo)
    force = intake.in_force(rows)
    issues = await repo.get_many(ISSUE, sorted({i for p in found for i in p.cluster.member_ids}))
    agencies = await repo.get_many(AGENCY, sorted({str(r["ownerAgencyId"]) for r in rows if r.get("ownerAgencyId")}))
    body = ['<h1>پذیرش و اولویت‌بندی مسائل</h1><p class="muted">مسائل از نُه منبع اطلاعاتی در سه سطح ستادی، سازمانی و منطقه‌ای '
            "گردآوری می‌شوند؛ مسائل همانندِ دستگاه‌های گوناگون پیشنهادِ تلفیق می‌شوند، کمیته دربارهٔ هر پیشنهاد تصمیم می‌گیرد "
            "و فهرست پذیرفته‌شده به ترتیب از شوراها می‌گذرد.</p>"]
    body.append('<h2>پیشنهادها</h2><div class="table-wrap"><table id="proposals"><thead><tr><th>رتبه</th><th>عنوان</th>'
                "<th>مسائل (منبع، سطح)</th><th>شدت</th><th>امتیاز</th><th>تصمیم کمیته</th></tr></thead><tbody>")
    for p in found:
        m = p.cluster
        members = "<br>".join(f'{_e(issues.get(i, {}).get("titleFa", i))} {_badges(issues.get(i, {}))}' for i in m.member_ids)
        d = force.get(p.key)
        decided = "—"
        if d:
            owner = agencies.get(str(d.get("ownerAgencyId")), {}).get("nameFa", "")
            extra = f" · اولویت {num(d['priority'])} · متولی: {_e(owner)}" if d.get("priority") else ""
            decided = (f'<strong class="outcome {d["outcome"]}">{OUTCOME_FA[d["outcome"]]}</strong>{extra}'
                       f'<br><span class="muted">{_e(d["reason"])} — {_e(d["decidedBy"])}، {jdate(d["at"][:10])}</span>')  # fmt: skip
        body.append(f'<tr data-key="{p.key}"><td>{num(p.rank)}</td><td>{_e(m.title)}{" <em>(تلفیقی)</em>" if m.merged else ""}</td>'
                    f"<td>{members}</td><td>{SEVERITY_FA.get(m.severity, m.severity)}</td><td>{num(m.priority)}</td><td>{decided}</td></tr>")
    body.append("</tbody></table></div>")
    approved = intake.approved_list(rows)
    digest = intake.list_hash(approved)
    body.append(f'<h2>فهرست پذیرفته‌شده ({num(len(approved))} مسئله)</h2><ol id="approved">')
    body += [f"<li>{_e(r.get('titleFa'))} — اولویت {num(r['priority'])}</li>" for r in approved]
    body.append('</ol><h2>زنجیرهٔ تصویب</h2><ol class="chain" id="chain">')
    for s in steps(chain_of(settings), await council_decisions(store), digest, bool(approved)):
        said = ""
        if s.decision:
            said = (f'<br><span class="muted">{_e(s.decision["reason"])} — {_e(s.decision["decidedBy"])}، '
                    f'{jdate(s.decision["at"][:10])}</span>')  # fmt: skip
        body.append(f'<li data-body="{s.body.code}" data-status="{s.status}"><strong>{_e(s.body.fa)}</strong>: '
                    f"{STATUS_FA[s.status]}{said}</li>")
    body.append("</ol>")
    return page("پذیرش مسائل", "".join(body), current="/intake", request=request)
