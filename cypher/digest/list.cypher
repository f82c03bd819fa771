// The digests of one day (or every day), for the directorate's log.
MATCH (d:Digest)
WHERE $day IS NULL OR d.day = $day
RETURN d {.*} AS node
ORDER BY d.day DESC, d.recipient
LIMIT $limit
