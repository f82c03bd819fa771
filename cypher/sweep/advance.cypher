// Move a sweep's "swept until" forward (never back: a slow sweep finishing after a faster one keeps
// the later mark). The node is written first so Neo4j takes its write lock before reading the mark.
MERGE (s:SweepState {id: $id})
SET s._lock = true
REMOVE s._lock
WITH s
SET s.lastSweptAt = CASE WHEN s.lastSweptAt IS NULL OR s.lastSweptAt < $until THEN $until ELSE s.lastSweptAt END,
    s.sweeps = coalesce(s.sweeps, 0) + 1,
    s.lastSweepId = $sweepId,
    s.lastFinishedAt = $now
RETURN s {.*} AS node
