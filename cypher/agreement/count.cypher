// How many agreements the list filters match.
MATCH (n:Agreement)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR $viewerId IN n.providerIds OR $viewerId IN n.receiverIds)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($partyId IS NULL OR $partyId IN n.providerIds OR $partyId IN n.receiverIds)
  AND ($from IS NULL OR coalesce(n.signedOn, n.periodFrom) >= $from)
  AND ($to IS NULL OR coalesce(n.signedOn, n.periodFrom) <= $to)
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
