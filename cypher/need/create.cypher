// Create a need of an agency; no row back when the agency is missing.
MATCH (a:Agency {id: $agencyId})
CREATE (n:Need {id: $id})
SET n += $props
CREATE (a)-[:NEEDS]->(n)
RETURN n {.*, agencyId: a.id} AS node
