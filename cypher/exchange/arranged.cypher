// Exchanges that may show an opportunity already arranged: not cancelled, and ongoing ($ongoing) or dated on or
// after $since (a completed one counts only within a need's window); parties, status, date and text only.
MATCH (p:Agency)-[:GAVE]->(n:Exchange)-[:TO]->(r:Agency)
WHERE NOT n.archived AND coalesce(n.status, '') <> $cancelled AND (n.status IN $ongoing OR n.date >= $since)
  AND ($viewerId IS NULL OR p.id = $viewerId OR r.id = $viewerId)
RETURN n.id AS id, p.id AS providerId, r.id AS receiverId, n.status AS status, n.date AS date,
       n.titleFa AS titleFa, n.titleEn AS titleEn, n.descriptionFa AS descriptionFa
