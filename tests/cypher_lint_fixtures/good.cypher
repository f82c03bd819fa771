// Fixture for the cypher-lint test: valid Neo4j 5 Cypher, must pass.
// Two statements, parameters, a map projection and a schema command.
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;

MATCH (a:Agency {id: $id})
SET a += $props
RETURN a {.*};
