// One page of agreements, filtered by kind, status, a party and the day it was concluded
// (signed by the last party; the period's start before that). $viewerId: an agency sees only its own.
MATCH (n:Agreement)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR $viewerId IN n.providerIds OR $viewerId IN n.receiverIds)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($partyId IS NULL OR $partyId IN n.providerIds OR $partyId IN n.receiverIds)
  AND ($from IS NULL OR coalesce(n.signedOn, n.periodFrom) >= $from)
  AND ($to IS NULL OR coalesce(n.signedOn, n.periodFrom) <= $to)
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'title' THEN n.titleFa WHEN 'signed' THEN coalesce(n.signedOn, n.periodFrom, '') ELSE n.createdAt END AS k,
     CASE $sort WHEN 'value' THEN coalesce(n.valueRials, 0) ELSE 0 END AS amount
ORDER BY CASE WHEN $desc THEN amount END DESC, CASE WHEN NOT $desc THEN amount END ASC,
         CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null} AS node
