// What win-win reads of each need the reader may read: the fields it matches, values and judges by, unsorted.
MATCH (n:Need)
WHERE NOT n.archived
  AND ($viewerId IS NULL OR (:Agency {id: $viewerId})-[:NEEDS]->(n))
RETURN n.id AS id, [(pca:Agency)-[:NEEDS]->(n) | pca.id][0] AS agencyId, n.kind AS kind, n.status AS status,
       n.titleFa AS titleFa, n.titleEn AS titleEn, n.descriptionFa AS descriptionFa, n.descriptionEn AS descriptionEn,
       n.quantity AS quantity, n.unit AS unit, n.quantityMet AS quantityMet,
       n.neededFrom AS neededFrom, n.neededTo AS neededTo, n.valueRials AS valueRials, n.valueSource AS valueSource
