// Neo4j 5 schema: uniqueness of every entity id, indexes on lookup fields.
// Applied at start-up; IF NOT EXISTS keeps it idempotent.
CREATE CONSTRAINT agency_id_unique IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT duty_id_unique IF NOT EXISTS FOR (n:Duty) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT capacity_id_unique IF NOT EXISTS FOR (n:Capacity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT need_id_unique IF NOT EXISTS FOR (n:Need) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT issue_id_unique IF NOT EXISTS FOR (n:Issue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT exchange_id_unique IF NOT EXISTS FOR (n:Exchange) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT request_id_unique IF NOT EXISTS FOR (n:Request) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT transition_id_unique IF NOT EXISTS FOR (n:Transition) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT workinggroup_id_unique IF NOT EXISTS FOR (n:WorkingGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT auditevent_id_unique IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT finding_id_unique IF NOT EXISTS FOR (n:Finding) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT vocabulary_term_id_unique IF NOT EXISTS FOR (n:VocabularyTerm) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT apitoken_id_unique IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT idempotencykey_key_unique IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT cityplan_id_unique IF NOT EXISTS FOR (n:CityPlan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plangoal_id_unique IF NOT EXISTS FOR (n:PlanGoal) REQUIRE n.id IS UNIQUE;
// working-group governance (issue 19)
CREATE CONSTRAINT wgmeeting_id_unique IF NOT EXISTS FOR (n:WgMeeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT wgdecision_id_unique IF NOT EXISTS FOR (n:WgDecision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT decisionstep_id_unique IF NOT EXISTS FOR (n:DecisionStep) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT wgreport_id_unique IF NOT EXISTS FOR (n:WgReport) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reportstep_id_unique IF NOT EXISTS FOR (n:ReportStep) REQUIRE n.id IS UNIQUE;
CREATE INDEX agency_code IF NOT EXISTS FOR (n:Agency) ON (n.code);
CREATE INDEX agency_kind IF NOT EXISTS FOR (n:Agency) ON (n.kind);
CREATE INDEX duty_functioncode IF NOT EXISTS FOR (n:Duty) ON (n.functionCode);
CREATE INDEX exchange_kind IF NOT EXISTS FOR (n:Exchange) ON (n.kind);
CREATE INDEX exchange_date IF NOT EXISTS FOR (n:Exchange) ON (n.date);
CREATE INDEX request_status IF NOT EXISTS FOR (n:Request) ON (n.status);
CREATE INDEX issue_status IF NOT EXISTS FOR (n:Issue) ON (n.status);
CREATE INDEX apitoken_hash IF NOT EXISTS FOR (n:ApiToken) ON (n.hash);
CREATE INDEX auditevent_entityid IF NOT EXISTS FOR (n:AuditEvent) ON (n.entityId);
