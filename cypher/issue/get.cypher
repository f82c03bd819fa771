// Issues by id (a DataLoader batch).
MATCH (n:Issue)
WHERE n.id IN $ids
OPTIONAL MATCH (pca:Agency)-[:RAISED]->(n)
OPTIONAL MATCH (n)-[:BLOCKS]->(pcd:Duty)
OPTIONAL MATCH (n)-[:CONCERNS]->(pcc:Agency)
WITH n, pca, pcd, collect(pcc.id) AS concerns
RETURN n {.*, search: null, words: null, raisedById: pca.id, concernsIds: concerns, blocksDutyId: pcd.id} AS node
