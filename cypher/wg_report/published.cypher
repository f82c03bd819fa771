// The published transparency reports, for the public page (no sign-in): nothing else is ever returned.
MATCH (n:WgReport)-[:REPORT_OF]->(g:WorkingGroup)
WHERE n.status = 'published'
WITH n, g
ORDER BY n.publishedAt DESC, n.id
RETURN n {.*, groupId: g.id, groupNameFa: g.nameFa, groupNameEn: g.nameEn} AS node
