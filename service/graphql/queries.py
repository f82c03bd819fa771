"""The Query root: lookups, filtered paginated lists, aggregates and the function taxonomy."""

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.graphql import catalogue, filters as f, intake, plans as gp, wg_governance as wg  # wg: working-group governance (issue 19)
from service.graphql.aggregate import aggregator
from service.graphql.agreements import agreement, agreements
from service.graphql.analyses import Analyses
from service.graphql.audit import audit_events
from service.graphql.city_plans import city_plans
from service.graphql.geography import geography_tree
from service.graphql.nodes import find_nodes
from service.graphql.notifications import notification_digests, notifications, unread_notification_count, webhook_deliveries, webhooks_list
from service.graphql.resolvers import listing, lookup
from service.graphql.stakeholders import commitments, stakeholder, stakeholder_grid, stakeholders
from service.graphql.tokens import Me, api_tokens
from service.graphql.types.agency import Agency
from service.graphql.types.duty import Duty
from service.graphql.types.exchange import Exchange
from service.graphql.types.issue import Issue
from service.graphql.types.node import Node
from service.graphql.types.request import Request
from service.graphql.types.resources import Capacity, Need
from service.graphql.types.stats import Function, RegistryStats, function_list
from service.graphql.types.working_group import WorkingGroup
from service.registry import specs as s


@strawberry.type(description="A code of a shipped vocabulary (beneficiaries, geography) with its Persian label")
class VocabularyCode:
    code: str
    label_fa: str
    exact: bool = strawberry.field(description="the whole text names this code")


@strawberry.type
class Query:
    agency = strawberry.field(resolver=lookup(s.AGENCY, Agency))
    agencies = strawberry.field(resolver=listing(s.AGENCY, Agency, f.AgencyFilter))
    duty = strawberry.field(resolver=lookup(s.DUTY, Duty))
    duties = strawberry.field(resolver=listing(s.DUTY, Duty, f.DutyFilter))
    capacity = strawberry.field(resolver=lookup(s.CAPACITY, Capacity))
    capacities = strawberry.field(resolver=listing(s.CAPACITY, Capacity, f.ResourceFilter))
    need = strawberry.field(resolver=lookup(s.NEED, Need))
    needs = strawberry.field(resolver=listing(s.NEED, Need, f.ResourceFilter))
    issue = strawberry.field(resolver=lookup(s.ISSUE, Issue))
    issues = strawberry.field(resolver=listing(s.ISSUE, Issue, f.IssueFilter))
    exchange = strawberry.field(resolver=lookup(s.EXCHANGE, Exchange))
    exchanges = strawberry.field(resolver=listing(s.EXCHANGE, Exchange, f.ExchangeFilter))
    request = strawberry.field(resolver=lookup(s.REQUEST, Request))
    requests = strawberry.field(resolver=listing(s.REQUEST, Request, f.RequestFilter))
    working_group = strawberry.field(resolver=lookup(s.WORKING_GROUP, WorkingGroup))
    working_groups = strawberry.field(resolver=listing(s.WORKING_GROUP, WorkingGroup, f.WorkingGroupFilter))
    agencies_aggregate = strawberry.field(resolver=aggregator(s.AGENCY))
    duties_aggregate = strawberry.field(resolver=aggregator(s.DUTY))
    capacities_aggregate = strawberry.field(resolver=aggregator(s.CAPACITY))
    needs_aggregate = strawberry.field(resolver=aggregator(s.NEED))
    issues_aggregate = strawberry.field(resolver=aggregator(s.ISSUE))
    exchanges_aggregate = strawberry.field(resolver=aggregator(s.EXCHANGE))
    requests_aggregate = strawberry.field(resolver=aggregator(s.REQUEST))
    working_groups_aggregate = strawberry.field(resolver=aggregator(s.WORKING_GROUP))
    # -- agreements (branch agree)
    agreement = strawberry.field(resolver=agreement, description="An agreement; null when missing or the reader is no party to it")
    agreements = strawberry.field(resolver=agreements, description="Agreements the reader may read (an agency: those it is a party to)")
    # working-group governance (issue 19; branch wg): meetings, decisions, transparency reports
    wg_meetings = strawberry.field(resolver=wg.wg_meetings)
    wg_meeting = strawberry.field(resolver=wg.wg_meeting)
    wg_decisions = strawberry.field(resolver=wg.wg_decisions)
    wg_decision = strawberry.field(resolver=wg.wg_decision)
    transparency_reports = strawberry.field(resolver=wg.transparency_reports)
    transparency_report = strawberry.field(resolver=wg.transparency_report)

    @strawberry.field(description="Any record by its id (Relay object identification); null when it is missing or not yours to read")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found: Node | None = (await find_nodes(info, [str(id)]))[0]
        return found

    @strawberry.field(description="Records by their ids, in the order given; null for each missing or unreadable one")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        return await find_nodes(info, [str(i) for i in ids])

    @strawberry.field(description="The directorate's analyses, computed from the registry as it is now")
    def analyses(self, info: Info) -> Analyses:
        require_role(info.context.actor, Role.DIRECTORATE, Role.ANALYST)
        return Analyses()

    # -- issue intake, geography, catalogue (issue 19 items 2, 4, 5) --------------------------------------
    issue_sources = strawberry.field(resolver=intake.issue_sources, description="Seed 001's nine information sources of issues")
    innovation_centres = strawberry.field(resolver=intake.innovation_centres, description="Seed 004's four innovation centres")
    issue_proposals = strawberry.field(resolver=intake.issue_proposals, description="Issue clusters up for the committee, ranked")
    intake_decisions = strawberry.field(resolver=intake.intake_decisions, description="The committee's decisions on proposals")
    intake_chain = strawberry.field(resolver=intake.intake_chain, description="The approved list and the councils' decisions on it")
    knowledge_products = strawberry.field(resolver=catalogue.knowledge_products,
                                          description="Knowledge-based products (capacities of kind PRODUCT) by centre, company, text")
    clubs = strawberry.field(resolver=catalogue.clubs, description="Clubs of people agencies run, with their desks")
    geography = strawberry.field(resolver=geography_tree, description="The geography hierarchy as a tree, with Persian names")
    # -- end of issue 19 items 2, 4, 5 -------------------------------------------------------------------
    # -- stakeholders (#19.3) --
    stakeholder = strawberry.field(resolver=stakeholder, description="A stakeholder by id; null when missing or not yours to read")
    stakeholders = strawberry.field(resolver=stakeholders)
    stakeholder_grid = strawberry.field(resolver=stakeholder_grid)
    commitments = strawberry.field(resolver=commitments)
    # -- end stakeholders --

    city_plans = strawberry.field(resolver=city_plans, description="The city's plans in the registry: goals, strategies, focus areas, levels, duties")
    audit_events = strawberry.field(resolver=audit_events)
    api_tokens = strawberry.field(resolver=api_tokens)
    # follow-up (service/notify/): the reader's inbox, webhooks and their log, the digest log
    notifications = strawberry.field(
        resolver=notifications, description="My inbox, newest first: an agency token reads its agency's, a directorate token its own"
    )
    unread_notification_count = strawberry.field(resolver=unread_notification_count, description="Unread notifications in my inbox")
    webhooks = strawberry.field(resolver=webhooks_list, description="Webhooks: an agency its own, the directorate all (or one agency's)")
    webhook_deliveries = strawberry.field(resolver=webhook_deliveries, description="A webhook's delivery log, newest first")
    notification_digests = strawberry.field(resolver=notification_digests, description="The daily digest e-mails: who, which day, sent or failed (directorate)")
    # -- coordination plans (issue #18.1) --
    plans = gp.field("plans")
    plan = gp.field("plan")
    plan_action = gp.field("plan_action")
    plan_actions = gp.field("plan_actions_list")

    @strawberry.field(description="Who the presented token stands for")
    def me(self, info: Info) -> Me:
        actor = info.context.actor
        return Me(name=actor.name, role=actor.role.value, agency_id=actor.agency_id)

    @strawberry.field(description="Counts and totals across the registry")
    def stats(self) -> RegistryStats:
        return RegistryStats()

    @strawberry.field(description="Beneficiary codes for what was typed (ساکنان منطقه ۹ → residents:D9, then suggestions)")
    async def beneficiary_suggestions(self, info: Info, text: str) -> list[VocabularyCode]:
        from service.analysis.vocab.beneficiaries import beneficiaries, beneficiary_code, beneficiary_label
        from service.analysis.vocab.terms import load_terms, vocabularies

        with vocabularies(await load_terms(info.context.repo.store)):  # the directorate's terms too
            exact = beneficiary_code(text)
            codes = ([exact] if exact else []) + [c for c in beneficiaries().suggest(text) if c != exact]
            return [VocabularyCode(code=c, label_fa=beneficiary_label(c), exact=c == exact) for c in codes]

    @strawberry.field(description="Geography codes for what was typed (منطقه ۹ → D9, نیشابور → neyshabur, then suggestions)")
    async def geography_suggestions(self, info: Info, text: str) -> list[VocabularyCode]:
        from service.analysis.vocab.geography import geo_code, geo_label, geography
        from service.analysis.vocab.terms import load_terms, vocabularies

        with vocabularies(await load_terms(info.context.repo.store)):  # the directorate's terms too
            exact = geo_code(text)
            codes = ([exact] if exact else []) + [c for c in geography().suggest(text) if c != exact]
            return [VocabularyCode(code=c, label_fa=geo_label(c), exact=c == exact) for c in codes]

    @strawberry.field(description="The COFOG function taxonomy; give a division for its groups")
    def functions(self, division: str | None = None) -> list[Function]:
        return function_list(division)
