// Fixture for the cypher-lint test: syntactically valid but uses an undefined
// variable `m`, which only the semantic analysis catches; must fail.
MATCH (n:Agency {id: $id}) RETURN m
