// Create or update a club (a group of people an agency runs, e.g. the planners' club) and its desks;
// desks not named any more are removed. No row when the running agency does not exist.
MATCH (a:Agency {id: $agencyId})
MERGE (c:Club {id: $id})
ON CREATE SET c.createdAt = $now, c.version = 0
SET c += $props, c.version = c.version + 1, c.updatedAt = $now
WITH a, c
OPTIONAL MATCH (old:Agency)-[run:RUNS]->(c)
DELETE run
WITH DISTINCT a, c
CREATE (a)-[:RUNS]->(c)
WITH c
OPTIONAL MATCH (c)-[:HAS_DESK]->(gone:ClubDesk)
WHERE NOT gone.id IN [d IN $desks | d.id]
DETACH DELETE gone
WITH DISTINCT c
FOREACH (d IN $desks |
  MERGE (k:ClubDesk {id: d.id})
  SET k += d.props
  MERGE (c)-[:HAS_DESK]->(k))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN c {.*} AS node
