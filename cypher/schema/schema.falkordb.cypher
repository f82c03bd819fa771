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
CREATE INDEX FOR (n:Agency) ON (n.code);
CREATE INDEX FOR (n:Agency) ON (n.kind);
CREATE INDEX FOR (n:Duty) ON (n.functionCode);
CREATE INDEX FOR (n:Exchange) ON (n.kind);
CREATE INDEX FOR (n:Exchange) ON (n.date);
CREATE INDEX FOR (n:Request) ON (n.status);
CREATE INDEX FOR (n:Issue) ON (n.status);
CREATE INDEX FOR (n:ApiToken) ON (n.hash);
CREATE INDEX FOR (n:AuditEvent) ON (n.entityId);
CREATE INDEX FOR (n:Notification) ON (n.key);
CREATE INDEX FOR (n:Notification) ON (n.id);
CREATE INDEX FOR (n:Notification) ON (n.recipient);
CREATE INDEX FOR (n:SweepState) ON (n.id);
CREATE INDEX FOR (n:Digest) ON (n.key);
CREATE INDEX FOR (n:Webhook) ON (n.id);
CREATE INDEX FOR (n:WebhookDelivery) ON (n.id);
CREATE INDEX FOR (n:WebhookDelivery) ON (n.webhookId);
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
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Notification PROPERTIES 1 key;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE SweepState PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Digest PROPERTIES 1 key;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE Webhook PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE {graph} UNIQUE NODE WebhookDelivery PROPERTIES 1 id;
// Declare every relationship type and relationship property before anything is planned: FalkorDB
// caches plans, and one made while, say, HAS_DUTY's `role` was unknown kept returning nothing after
// the first import (found by the benchmark). The seed is created and deleted; the names stay known.
CREATE (a:SchemaSeed)-[:HAS_DUTY {role: 'seed'}]->(b:SchemaSeed), (a)-[:MEMBER_OF {role: 'seed'}]->(b), (a)-[:PART_OF]->(b), (a)-[:OFFERS]->(b), (a)-[:NEEDS]->(b), (a)-[:RAISED]->(b), (a)-[:CONCERNS]->(b), (a)-[:BLOCKS]->(b), (a)-[:GAVE]->(b), (a)-[:TO]->(b), (a)-[:SERVES]->(b), (a)-[:SENT]->(b), (a)-[:ADDRESSED_TO]->(b), (a)-[:ABOUT]->(b), (a)-[:HAS_STEP]->(b), (a)-[:COORDINATES]->(b), (a)-[:SERVED_BY]->(b);
MATCH (n:SchemaSeed) DETACH DELETE n;
