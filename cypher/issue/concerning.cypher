// Issues raised about each agency (a DataLoader batch).
MATCH (a:Agency)<-[:CONCERNS]-(n:Issue)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, raisedById: [(pca:Agency)-[:RAISED]->(n) | pca.id][0], concernsIds: [(n)-[:CONCERNS]->(pcc:Agency) | pcc.id], blocksDutyId: [(n)-[:BLOCKS]->(pcd:Duty) | pcd.id][0]} AS node
ORDER BY n.raisedOn DESC, n.id
