// Claim one recipient's digest for one day before sending it. The key (recipient, day) is unique and
// the node is written before its status is read (Neo4j's write lock), so of two sweeps exactly one
// gets the row back and sends; a failed send is claimable again, as is a claim that never reported.
MERGE (d:Digest {key: $key})
ON CREATE SET d.recipient = $recipient, d.day = $day, d.status = 'new', d.attempts = 0, d.createdAt = $now
SET d._lock = true
REMOVE d._lock
WITH d
WHERE d.status = 'new'
   OR (d.status = 'failed' AND d.attempts < $maxAttempts)
   OR (d.status = 'sending' AND d.claimedAt < $staleBefore)
SET d.status = 'sending', d.claimedAt = $now, d.claimedBy = $claimId, d.attempts = d.attempts + 1, d.email = $email
RETURN d {.*} AS node
