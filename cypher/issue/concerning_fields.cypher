// Issues raised about each agency, only the fields a GraphQL selection reads ($fields).
// Values in $fields order; no joins (see service/graphql/narrow.py for when it is used).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)<-[:CONCERNS]-(n:Issue)
WHERE $includeArchived OR NOT n.archived
RETURN a.id AS key, [k IN $fields | n[k]] AS values
ORDER BY n.raisedOn DESC, n.id
