// Issues raised about each agency (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)<-[:CONCERNS]-(n:Issue)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (pca:Agency)-[:RAISED]->(n)
OPTIONAL MATCH (n)-[:BLOCKS]->(pcd:Duty)
OPTIONAL MATCH (n)-[:CONCERNS]->(pcc:Agency)
WITH a, n, pca, pcd, collect(pcc.id) AS concerns
RETURN a.id AS key, n {.*, search: null, words: null, raisedById: pca.id, concernsIds: concerns, blocksDutyId: pcd.id} AS node
ORDER BY n.raisedOn DESC, n.id
