// The issues win-win answers: live ones in $statuses (open, in progress) the reader may read, with their text and severity.
MATCH (n:Issue)
WHERE NOT n.archived AND n.status IN $statuses
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:RAISED]->(n) OR (n)-[:CONCERNS]->(:Agency {id: $viewerId})))
RETURN n.id AS id, [(pca:Agency)-[:RAISED]->(n) | pca.id][0] AS raisedById,
       [(n)-[:CONCERNS]->(pcc:Agency) | pcc.id] AS concernsIds, n.status AS status, n.severity AS severity,
       n.titleFa AS titleFa, n.titleEn AS titleEn, n.descriptionFa AS descriptionFa, n.descriptionEn AS descriptionEn
