// The agencies (lead or support) holding each stored duty: an import checks exchanges' providers against them.
MATCH (n:Duty)
WHERE n.id IN $ids
OPTIONAL MATCH (a:Agency)-[:HAS_DUTY]->(n)
RETURN n.id AS id, collect(a.id) AS agencyIds
