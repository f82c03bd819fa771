// The records of one label whose `words` match a full-text query (FalkorDB's RediSearch index,
// cypher/schema/fulltext.falkordb.cypher), best first. service/registry/fulltext.py builds $query
// from normalised words; $index is Neo4j's twin's (service/storage/queries.py picks the file).
CALL db.idx.fulltext.queryNodes($label, $query) YIELD node, score
WITH node, score
WHERE $includeArchived OR NOT node.archived
RETURN node.id AS id, score
ORDER BY score DESC, id
LIMIT $limit
