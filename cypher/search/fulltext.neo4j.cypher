// The records of one label whose `words` match a full-text query (Neo4j's Lucene index named
// $index, cypher/schema/fulltext.neo4j.cypher), best first. service/registry/fulltext.py builds
// $query from normalised words; $label is FalkorDB's twin's (service/storage/queries.py picks the file).
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WITH node, score
WHERE $includeArchived OR NOT node.archived
RETURN node.id AS id, score
ORDER BY score DESC, id
LIMIT $limit
