// Exchanges from each giver in $givers ({provider, receivers}) to one of its receivers that may show a win-win
// match already arranged: not cancelled, and ongoing ($ongoing) or dated on or after $since (a completed one
// counts only within a need's window); the reader's own when $viewerId is set. Parties, status, date, text.
// Each giver is bound by its indexed id first and its GAVE edges walked once (no scan of every exchange).
UNWIND $givers AS giver
MATCH (p:Agency)
WHERE p.id = giver.provider
WITH p, giver
MATCH (p)-[:GAVE]->(n:Exchange)-[:TO]->(r:Agency)
WHERE NOT n.archived AND coalesce(n.status, '') <> $cancelled AND (n.status IN $ongoing OR n.date >= $since)
  AND r.id IN giver.receivers
  AND ($viewerId IS NULL OR p.id = $viewerId OR r.id = $viewerId)
RETURN n.id AS id, p.id AS providerId, r.id AS receiverId, n.status AS status, n.date AS date,
       n.titleFa AS titleFa, n.titleEn AS titleEn, n.descriptionFa AS descriptionFa
