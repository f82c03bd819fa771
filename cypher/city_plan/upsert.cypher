// Create or update a city plan and its goals (strategies, focus area, level as fields of a goal),
// each goal PART_OF the plan and SERVED_BY the duties named that exist; audited in the same statement.
// Goals left out are removed; duty links are only added (here and by link_goal), never removed.
// A new plan is placed after those known (lists keep the order plans were entered in).
OPTIONAL MATCH (o:CityPlan)
WITH count(o) AS known
MERGE (p:CityPlan {id: $id})
ON CREATE SET p.position = known
SET p += $props, p.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
// goals the plan no longer has are taken out (the audit event lists the goals it keeps)
WITH p
OPTIONAL MATCH (dropped:PlanGoal)-[:PART_OF]->(p)
WHERE NOT dropped.id IN [x IN $goals | x.id]
DETACH DELETE dropped
WITH DISTINCT p
UNWIND $goals AS g
MERGE (goal:PlanGoal {id: g.id})
SET goal += g.props, goal.planId = p.id, goal.version = coalesce(goal.version, 0) + 1, goal.updatedAt = $now
MERGE (goal)-[:PART_OF]->(p)
WITH goal, g
UNWIND g.dutyIds AS dutyId
MATCH (d:Duty {id: dutyId})
MERGE (goal)-[:SERVED_BY]->(d)
RETURN count(*) AS links
