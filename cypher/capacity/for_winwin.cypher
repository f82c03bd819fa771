// What win-win reads of each capacity: the fields it matches, values and judges by, one row a capacity, unsorted.
MATCH (n:Capacity)
WHERE NOT n.archived
RETURN n.id AS id, [(pca:Agency)-[:OFFERS]->(n) | pca.id][0] AS agencyId, n.kind AS kind, n.status AS status,
       n.titleFa AS titleFa, n.titleEn AS titleEn, n.descriptionFa AS descriptionFa, n.descriptionEn AS descriptionEn,
       n.quantity AS quantity, n.unit AS unit, n.quantityCommitted AS quantityCommitted,
       n.availableFrom AS availableFrom, n.availableTo AS availableTo, n.costRials AS costRials
