// Each agency's need records, only the fields a GraphQL selection reads ($fields).
// Values in $fields order; no joins (see service/graphql/narrow.py for when it is used).
MATCH (a:Agency)-[:NEEDS]->(n:Need)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, [k IN $fields | n[k]] AS values
ORDER BY n.createdAt, n.id
