// Create a capacity of an agency; no row back when the agency is missing.
MATCH (a:Agency {id: $agencyId})
CREATE (n:Capacity {id: $id})
SET n += $props
CREATE (a)-[:OFFERS]->(n)
RETURN n {.*, agencyId: a.id} AS node
