// Record how a claimed digest's send went (sent, or failed with the reason); only the claimant may.
MATCH (d:Digest {key: $key})
SET d._lock = true
REMOVE d._lock
WITH d
WHERE d.claimedBy = $claimId  // read after the write lock: a claim taken over meanwhile is not overwritten
SET d.status = $status, d.sentAt = $sentAt, d.error = $error, d.items = $items, d.updatedAt = $now
RETURN d {.*} AS node
