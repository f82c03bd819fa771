// Backup: every relationship with its type, properties and the ids (or keys) of its ends.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props, labels(a)[0] AS fromLabel, coalesce(a.id, a.key) AS fromId,
       labels(b)[0] AS toLabel, coalesce(b.id, b.key) AS toId
