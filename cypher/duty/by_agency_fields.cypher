// Each agency's duties and its role in them, only the fields a GraphQL selection reads ($fields).
// Values in $fields order; no joins (see service/graphql/narrow.py for when it is used).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)-[r:HAS_DUTY]->(n:Duty)
WHERE $includeArchived OR NOT n.archived
RETURN a.id AS key, [k IN $fields | n[k]] AS values, r.role AS role
ORDER BY n.functionCode, n.id
