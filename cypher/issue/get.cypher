// Issues by id (a DataLoader batch).
MATCH (n:Issue)
WHERE n.id IN $ids
RETURN n {.*, raisedById: [(pca:Agency)-[:RAISED]->(n) | pca.id][0], concernsIds: [(n)-[:CONCERNS]->(pcc:Agency) | pcc.id], blocksDutyId: [(n)-[:BLOCKS]->(pcd:Duty) | pcd.id][0]} AS node
