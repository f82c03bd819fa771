"""The Mutation root: create, update and archive every entity; file and move requests."""

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.graphql import inputs as i, plans as gp, stakeholders as sh, wg_governance as wg  # wg: working-group governance (issue 19)
from service.graphql.agreements import AgreementMutations
from service.graphql.analyses import add_vocabulary_term, draft_opportunity_requests, set_finding_verdict
from service.graphql.catalogue import upsert_club_mutation
from service.graphql.city_plans import link_plan_goal, upsert_city_plan
from service.graphql.intake import decide_intake_list, decide_issue_proposal
from service.graphql.notifications import deactivate_webhook, mark_notifications_read, register_webhook, sweep_notifications
from service.graphql.resolvers import archiver, creator, updater
from service.graphql.tokens import create_api_token, revoke_api_token
from service.graphql.types.agency import Agency
from service.graphql.types.common import MemberRole, RequestStatus, from_row
from service.graphql.types.duty import Duty
from service.graphql.types.exchange import Exchange
from service.graphql.types.issue import Issue
from service.graphql.types.request import Request
from service.graphql.types.resources import Capacity, Need
from service.graphql.types.working_group import WorkingGroup
from service.registry import specs as s
from service.registry.agencies import move_agency
from service.registry.requests import move_request
from service.registry.working_groups import remove_member, set_member

ARCHIVE = "Hide from lists (archived=false brings it back); nothing is deleted"


@strawberry.type
class Mutation(AgreementMutations):  # agreements: their own block (branch agree)
    create_agency = strawberry.mutation(resolver=creator(s.AGENCY, Agency, i.AgencyInput))
    update_agency = strawberry.mutation(resolver=updater(s.AGENCY, Agency, i.AgencyPatch))
    archive_agency = strawberry.mutation(resolver=archiver(s.AGENCY, Agency), description=ARCHIVE)
    create_duty = strawberry.mutation(resolver=creator(s.DUTY, Duty, i.DutyInput))
    update_duty = strawberry.mutation(resolver=updater(s.DUTY, Duty, i.DutyPatch))
    archive_duty = strawberry.mutation(resolver=archiver(s.DUTY, Duty), description=ARCHIVE)
    create_capacity = strawberry.mutation(resolver=creator(s.CAPACITY, Capacity, i.CapacityInput))
    update_capacity = strawberry.mutation(resolver=updater(s.CAPACITY, Capacity, i.CapacityPatch))
    archive_capacity = strawberry.mutation(resolver=archiver(s.CAPACITY, Capacity), description=ARCHIVE)
    create_need = strawberry.mutation(resolver=creator(s.NEED, Need, i.NeedInput))
    update_need = strawberry.mutation(resolver=updater(s.NEED, Need, i.NeedPatch))
    archive_need = strawberry.mutation(resolver=archiver(s.NEED, Need), description=ARCHIVE)
    create_issue = strawberry.mutation(resolver=creator(s.ISSUE, Issue, i.IssueInput))
    update_issue = strawberry.mutation(resolver=updater(s.ISSUE, Issue, i.IssuePatch))
    archive_issue = strawberry.mutation(resolver=archiver(s.ISSUE, Issue), description=ARCHIVE)
    create_exchange = strawberry.mutation(resolver=creator(s.EXCHANGE, Exchange, i.ExchangeInput))
    update_exchange = strawberry.mutation(resolver=updater(s.EXCHANGE, Exchange, i.ExchangePatch))
    archive_exchange = strawberry.mutation(resolver=archiver(s.EXCHANGE, Exchange), description=ARCHIVE)
    file_request = strawberry.mutation(
        resolver=creator(s.REQUEST, Request, i.RequestInput), description="File a request; it starts as SUBMITTED"
    )
    update_request = strawberry.mutation(resolver=updater(s.REQUEST, Request, i.RequestPatch))
    archive_request = strawberry.mutation(resolver=archiver(s.REQUEST, Request), description=ARCHIVE)
    create_working_group = strawberry.mutation(resolver=wg.create_working_group)  # checks parent group and plan (issue 19)
    update_working_group = strawberry.mutation(resolver=updater(s.WORKING_GROUP, WorkingGroup, i.WorkingGroupPatch))
    archive_working_group = strawberry.mutation(resolver=archiver(s.WORKING_GROUP, WorkingGroup), description=ARCHIVE)

    # -- stakeholders (#19.3) --
    create_stakeholder = strawberry.mutation(resolver=sh.create_stakeholder)
    update_stakeholder = strawberry.mutation(resolver=sh.update_stakeholder)
    archive_stakeholder = strawberry.mutation(resolver=sh.archive_stakeholder)
    link_stakeholder = strawberry.mutation(resolver=sh.link_stakeholder)
    record_engagement = strawberry.mutation(resolver=sh.record_engagement)
    make_commitment = strawberry.mutation(resolver=sh.make_commitment)
    move_commitment = strawberry.mutation(resolver=sh.move_commitment)
    convert_stakeholder_group = strawberry.mutation(resolver=sh.convert_stakeholder_group)
    # -- end stakeholders --

    set_finding_verdict = strawberry.mutation(resolver=set_finding_verdict)
    add_vocabulary_term = strawberry.mutation(resolver=add_vocabulary_term)
    upsert_city_plan = strawberry.mutation(resolver=upsert_city_plan)
    link_plan_goal = strawberry.mutation(resolver=link_plan_goal)
    create_api_token = strawberry.mutation(resolver=create_api_token)
    revoke_api_token = strawberry.mutation(resolver=revoke_api_token)
    draft_opportunity_requests = strawberry.mutation(resolver=draft_opportunity_requests)
    # follow-up (service/notify/)
    mark_notifications_read = strawberry.mutation(
        resolver=mark_notifications_read, description="Mark notifications of my inbox read (all: true for every one); returns how many changed"
    )
    register_webhook = strawberry.mutation(
        resolver=register_webhook, description="Register a URL for the agency's notifications; the signing secret is answered once"
    )
    deactivate_webhook = strawberry.mutation(resolver=deactivate_webhook, description="Stop a webhook (its queued deliveries are cancelled)")
    sweep_notifications = strawberry.mutation(
        resolver=sweep_notifications, description="Run one follow-up sweep now (directorate); the service also runs it on a timer"
    )
    # -- coordination plans (issue #18.1) --
    create_plan = gp.mutation("create_plan")
    update_plan = gp.mutation("update_plan")
    move_plan = gp.mutation("move_plan")
    approve_plan_step = gp.mutation("approve_plan_step")
    add_plan_action = gp.mutation("add_plan_action")
    add_plan_action_from = gp.mutation("add_plan_action_from")
    update_plan_action = gp.mutation("update_plan_action")
    move_plan_action = gp.mutation("move_plan_action")
    report_plan_action_progress = gp.mutation("report_plan_action_progress")
    # working-group governance (issue 19; branch wg)
    place_working_group = strawberry.mutation(resolver=wg.place_working_group)
    record_wg_meeting = strawberry.mutation(resolver=wg.record_wg_meeting)
    amend_wg_meeting = strawberry.mutation(resolver=wg.amend_wg_meeting)
    record_wg_decision = strawberry.mutation(resolver=wg.record_wg_decision)
    move_wg_decision = strawberry.mutation(resolver=wg.move_wg_decision)
    draft_transparency_report = strawberry.mutation(resolver=wg.draft_transparency_report)
    approve_transparency_report = strawberry.mutation(resolver=wg.approve_transparency_report)
    publish_transparency_report = strawberry.mutation(resolver=wg.publish_transparency_report)
    # -- issue intake (issue 19 item 2) --
    decide_issue_proposal = strawberry.mutation(resolver=decide_issue_proposal)
    decide_intake_list = strawberry.mutation(resolver=decide_intake_list)
    upsert_club = strawberry.mutation(resolver=upsert_club_mutation)
    # -- end of issue 19 item 2 --

    @strawberry.mutation(description="Move a request one step: only allowed transitions, each kept in its history")
    async def move_request(
        self,
        info: Info,
        id: strawberry.ID,
        to: RequestStatus,
        comment: str | None = None,
        expected_version: int | None = None,
    ) -> Request:
        require_role(info.context.actor, Role.DIRECTORATE, Role.AGENCY)
        row = await move_request(info.context.repo, str(id), to, info.context.actor, comment, expected_version)
        return from_row(Request, row)

    @strawberry.mutation(description="Put an agency under another (parentId null: a root); cycles are refused")
    async def move_agency(
        self, info: Info, id: strawberry.ID, parent_id: strawberry.ID | None = None, expected_version: int | None = None
    ) -> Agency:
        require_role(info.context.actor, Role.DIRECTORATE)
        row = await move_agency(info.context.repo, str(id), parent_id and str(parent_id), expected_version)
        return from_row(Agency, row)

    @strawberry.mutation(description="Seat an agency in a working group, or change its role there")
    async def set_working_group_member(
        self, info: Info, id: strawberry.ID, agency_id: strawberry.ID, role: MemberRole,
        expected_version: int | None = None,
    ) -> WorkingGroup:  # fmt: skip
        require_role(info.context.actor, Role.DIRECTORATE)
        row = await set_member(info.context.repo, str(id), str(agency_id), role, expected_version)
        return from_row(WorkingGroup, row)

    @strawberry.mutation(description="Take an agency out of a working group")
    async def remove_working_group_member(
        self, info: Info, id: strawberry.ID, agency_id: strawberry.ID, expected_version: int | None = None
    ) -> WorkingGroup:
        require_role(info.context.actor, Role.DIRECTORATE)
        row = await remove_member(info.context.repo, str(id), str(agency_id), expected_version)
        return from_row(WorkingGroup, row)
