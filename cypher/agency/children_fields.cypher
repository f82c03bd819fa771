// Sub-agencies of each agency, only the fields a GraphQL selection reads ($fields).
// Values in $fields order; no joins (see service/graphql/narrow.py for when it is used).
MATCH (p:Agency)
WHERE p.id IN $ids
WITH p
MATCH (c:Agency)-[:PART_OF]->(p)
WHERE $includeArchived OR NOT c.archived
RETURN p.id AS key, [k IN $fields | c[k]] AS values
ORDER BY c.code
