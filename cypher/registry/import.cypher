// Bulk import: every node and relationship of a validated bundle in ONE statement, so an
// import lands whole or not at all (both backends roll a failed statement back).
// Rows are prepared and checked by service/registry/bundle.py. Sections are joined by
// `WITH count(*) AS _`: an aggregate without grouping keys always yields one row, so an
// empty list does not stop the sections after it.
UNWIND $agencies AS r
CREATE (n:Agency {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $duties AS r
CREATE (n:Duty {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $capacities AS r
CREATE (n:Capacity {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $needs AS r
CREATE (n:Need {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $issues AS r
CREATE (n:Issue {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $exchanges AS r
CREATE (n:Exchange {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $requests AS r
CREATE (n:Request {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $workingGroups AS r
CREATE (n:WorkingGroup {id: r.id})
SET n += r.props
WITH count(*) AS _
UNWIND $steps AS r
MATCH (q:Request {id: r.requestId})
CREATE (q)-[:HAS_STEP]->(t:Transition {id: r.id})
SET t += r.props
WITH count(*) AS _
UNWIND $partOf AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Agency {id: r.toId})
CREATE (a)-[:PART_OF]->(b)
WITH count(*) AS _
UNWIND $hasDuty AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Duty {id: r.toId})
CREATE (a)-[:HAS_DUTY {role: r.role}]->(b)
WITH count(*) AS _
UNWIND $offers AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Capacity {id: r.toId})
CREATE (a)-[:OFFERS]->(b)
WITH count(*) AS _
UNWIND $needsOf AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Need {id: r.toId})
CREATE (a)-[:NEEDS]->(b)
WITH count(*) AS _
UNWIND $raised AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Issue {id: r.toId})
CREATE (a)-[:RAISED]->(b)
WITH count(*) AS _
UNWIND $concerns AS r
MATCH (a:Issue {id: r.fromId})
MATCH (b:Agency {id: r.toId})
CREATE (a)-[:CONCERNS]->(b)
WITH count(*) AS _
UNWIND $blocks AS r
MATCH (a:Issue {id: r.fromId})
MATCH (b:Duty {id: r.toId})
CREATE (a)-[:BLOCKS]->(b)
WITH count(*) AS _
UNWIND $gave AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Exchange {id: r.toId})
CREATE (a)-[:GAVE]->(b)
WITH count(*) AS _
UNWIND $givenTo AS r
MATCH (a:Exchange {id: r.fromId})
MATCH (b:Agency {id: r.toId})
CREATE (a)-[:TO]->(b)
WITH count(*) AS _
UNWIND $serves AS r
MATCH (a:Exchange {id: r.fromId})
MATCH (b:Duty {id: r.toId})
CREATE (a)-[:SERVES]->(b)
WITH count(*) AS _
UNWIND $sent AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:Request {id: r.toId})
CREATE (a)-[:SENT]->(b)
WITH count(*) AS _
UNWIND $addressedTo AS r
MATCH (a:Request {id: r.fromId})
MATCH (b:Agency {id: r.toId})
CREATE (a)-[:ADDRESSED_TO]->(b)
WITH count(*) AS _
UNWIND $memberOf AS r
MATCH (a:Agency {id: r.fromId})
MATCH (b:WorkingGroup {id: r.toId})
CREATE (a)-[:MEMBER_OF {role: r.role}]->(b)
WITH count(*) AS _
UNWIND $coordinates AS r
MATCH (a:WorkingGroup {id: r.fromId})
MATCH (b:Duty {id: r.toId})
CREATE (a)-[:COORDINATES]->(b)
WITH count(*) AS _
UNWIND $about AS r
MATCH (q:Request {id: r.fromId})
OPTIONAL MATCH (c:Capacity {id: r.toId})
OPTIONAL MATCH (n:Need {id: r.toId})
OPTIONAL MATCH (i:Issue {id: r.toId})
OPTIONAL MATCH (d:Duty {id: r.toId})
WITH q, coalesce(c, n, i, d) AS x
WHERE x IS NOT NULL
CREATE (q)-[:ABOUT]->(x)
WITH count(*) AS about
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN about
