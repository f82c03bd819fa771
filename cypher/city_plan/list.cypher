// Every city plan (in the order entered) with its goals (one row per goal, a plan without goals once) and each goal's duty ids.
MATCH (p:CityPlan)
OPTIONAL MATCH (g:PlanGoal)-[:PART_OF]->(p)
OPTIONAL MATCH (g)-[:SERVED_BY]->(d:Duty)
WITH p, g, collect(d.id) AS dutyIds
RETURN p {.*} AS plan, CASE WHEN g IS NULL THEN null ELSE g {.*, dutyIds: dutyIds} END AS goal
ORDER BY p.position, p.id, goal.position, goal.id
