// The backfill's write: `words` for records read by search/unindexed (by internal id, checked
// against the record's own id in case the internal one was reused meanwhile).
UNWIND $rows AS row
MATCH (n)
WHERE id(n) = row.nid AND n.id = row.id AND n.words IS NULL
SET n.words = row.words
RETURN count(n) AS filled
