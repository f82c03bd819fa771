// Create or update a city plan and its goals (strategies, focus area, level as fields of a goal),
// each goal PART_OF the plan and SERVED_BY the duties named that exist; audited in the same statement.
// Duty links are only added here: linkPlanGoal is the way to change them one goal at a time.
// A new plan is placed after those known (lists keep the order plans were entered in).
OPTIONAL MATCH (o:CityPlan)
WITH count(o) AS known
MERGE (p:CityPlan {id: $id})
ON CREATE SET p.position = known
SET p += $props, p.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
WITH p
UNWIND $goals AS g
MERGE (goal:PlanGoal {id: g.id})
SET goal += g.props, goal.planId = p.id, goal.version = coalesce(goal.version, 0) + 1, goal.updatedAt = $now
MERGE (goal)-[:PART_OF]->(p)
WITH goal, g
UNWIND g.dutyIds AS dutyId
MATCH (d:Duty {id: dutyId})
MERGE (goal)-[:SERVED_BY]->(d)
RETURN count(*) AS links
