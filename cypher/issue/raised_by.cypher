// Issues each agency raised (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)-[:RAISED]->(n:Issue)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (n)-[:BLOCKS]->(pcd:Duty)
OPTIONAL MATCH (n)-[:CONCERNS]->(pcc:Agency)
WITH a, n, pcd, collect(pcc.id) AS concerns
RETURN a.id AS key, n {.*, search: null, words: null, raisedById: a.id, concernsIds: concerns, blocksDutyId: pcd.id} AS node
ORDER BY n.raisedOn DESC, n.id
