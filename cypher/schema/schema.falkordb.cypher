// FalkorDB schema: an index on each id, then a unique constraint over it (FalkorDB
// needs the index first); lines starting GRAPH. are sent as Redis commands, {graph}
// is replaced by the graph's name. 'already indexed/exists' answers are ignored.
CREATE INDEX FOR (n:Agency) ON (n.id);
CREATE INDEX FOR (n:Duty) ON (n.id);
CREATE INDEX FOR (n:Capacity) ON (n.id);
CREATE INDEX FOR (n:Need) ON (n.id);
CREATE INDEX FOR (n:Issue) ON (n.id);
CREATE INDEX FOR (n:Exchange) ON (n.id);
CREATE INDEX FOR (n:Request) ON (n.id);
CREATE INDEX FOR (n:Transition) ON (n.id);
CREATE INDEX FOR (n:WorkingGroup) ON (n.id);
CREATE INDEX FOR (n:AuditEvent) ON (n.id);
CREATE INDEX FOR (n:Finding) ON (n.id);
CREATE INDEX FOR (n:VocabularyTerm) ON (n.id);
CREATE INDEX FOR (n:ApiToken) ON (n.id);
CREATE INDEX FOR (n:IdempotencyKey) ON (n.key);
CREATE INDEX FOR (n:CityPlan) ON (n.id);
CREATE INDEX FOR (n:PlanGoal) ON (n.id);
CREATE INDEX FOR (n:Plan) ON (n.id);
CREATE INDEX FOR (n:PlanAction) ON (n.id);
CREATE INDEX FOR (n:PlanTransition) ON (n.id);
CREATE INDEX FOR (n:PlanApproval) ON (n.id);
// working-group governance (issue 19): meetings, decisions, transparency reports and their steps
CREATE INDEX FOR (n:WgMeeting) ON (n.id);
CREATE INDEX FOR (n:WgDecision) ON (n.id);
CREATE INDEX FOR (n:DecisionStep) ON (n.id);
CREATE INDEX FOR (n:WgReport) ON (n.id);
CREATE INDEX FOR (n:ReportStep) ON (n.id);
CREATE INDEX FOR (n:IntakeDecision) ON (n.id);
CREATE INDEX FOR (n:CouncilDecision) ON (n.id);
CREATE INDEX FOR (n:IntakeRound) ON (n.id);
CREATE INDEX FOR (n:Club) ON (n.id);
CREATE INDEX FOR (n:ClubDesk) ON (n.id);
CREATE INDEX FOR (n:Stakeholder) ON (n.id);
CREATE INDEX FOR (n:Engagement) ON (n.id);
CREATE INDEX FOR (n:Commitment) ON (n.id);
CREATE INDEX FOR (n:CommitmentStep) ON (n.id);
CREATE INDEX FOR (n:Agency) ON (n.code);
CREATE INDEX FOR (n:Agency) ON (n.kind);
CREATE INDEX FOR (n:Duty) ON (n.functionCode);
CREATE INDEX FOR (n:Exchange) ON (n.kind);
CREATE INDEX FOR (n:Exchange) ON (n.date);
CREATE INDEX FOR (n:Request) ON (n.status);
CREATE INDEX FOR (n:Issue) ON (n.status);
CREATE INDEX FOR (n:ApiToken) ON (n.hash);
CREATE INDEX FOR (n:AuditEvent) ON (n.entityId);
CREATE INDEX FOR (n:Agreement) ON (n.id);
CREATE INDEX FOR (n:AgreementStep) ON (n.id);
CREATE INDEX FOR (n:Exchange) ON (n.agreementId);
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Agency PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Duty PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Capacity PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Need PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Issue PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Exchange PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Request PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Transition PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE WorkingGroup PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE AuditEvent PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Finding PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE VocabularyTerm PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE ApiToken PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE IdempotencyKey PROPERTIES 1 key;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE CityPlan PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE PlanGoal PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Plan PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE PlanAction PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE PlanTransition PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE PlanApproval PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Agreement PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE AgreementStep PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE WgMeeting PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE WgDecision PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE DecisionStep PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE WgReport PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE ReportStep PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE IntakeDecision PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE CouncilDecision PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE IntakeRound PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Club PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE ClubDesk PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Stakeholder PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Engagement PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Commitment PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE CommitmentStep PROPERTIES 1 id;
// Declare every relationship type and relationship property before anything is planned: FalkorDB
// caches plans, and one made while, say, HAS_DUTY's `role` was unknown kept returning nothing after
// the first import (found by the benchmark). The seed is created and deleted; the names stay known.
CREATE (a:SchemaSeed)-[:HAS_DUTY {role: 'seed'}]->(b:SchemaSeed), (a)-[:MEMBER_OF {role: 'seed'}]->(b), (a)-[:PART_OF]->(b), (a)-[:OFFERS]->(b), (a)-[:NEEDS]->(b), (a)-[:RAISED]->(b), (a)-[:CONCERNS]->(b), (a)-[:BLOCKS]->(b), (a)-[:GAVE]->(b), (a)-[:TO]->(b), (a)-[:SERVES]->(b), (a)-[:SENT]->(b), (a)-[:ADDRESSED_TO]->(b), (a)-[:ABOUT]->(b), (a)-[:HAS_STEP]->(b), (a)-[:COORDINATES]->(b), (a)-[:SERVED_BY]->(b);
// coordination plans (issue #18.1)
CREATE (a:SchemaSeed)-[:HAS_ACTION]->(b:SchemaSeed), (a)-[:OWNS_ACTION]->(b), (a)-[:HAS_APPROVAL]->(b);
MATCH (n:SchemaSeed) DETACH DELETE n;
// agreements (their steps hang UNDER them): declared like the others above
CREATE (a:SchemaSeed)-[:UNDER]->(b:SchemaSeed);
CREATE (a:SchemaSeed)-[:MEETING_OF]->(b:SchemaSeed), (a)-[:DECISION_OF]->(b), (a)-[:OWNED_BY]->(b), (a)-[:DECIDED_IN]->(b), (a)-[:REPORT_OF]->(b);
CREATE (a:SchemaSeed)-[:DECIDES]->(b:SchemaSeed), (a)-[:ASSIGNS]->(b), (a)-[:RUNS]->(b), (a)-[:HAS_DESK]->(b);
CREATE (a:SchemaSeed)-[:VOICED]->(b:SchemaSeed), (a)-[:AFFECTED_BY]->(b), (a)-[:TAKES_PART_IN]->(b), (a)-[:WITH]->(b), (a)-[:HELD]->(b), (a)-[:FOLLOWS_UP]->(b), (a)-[:MADE_TO]->(b), (a)-[:OWES]->(b);
MATCH (n:SchemaSeed) DETACH DELETE n;
