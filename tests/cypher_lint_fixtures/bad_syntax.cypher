// Fixture for the cypher-lint test: syntax error (unclosed node pattern), must fail.
MATCH (n RETURN n
