// The backfill's write: `words` for records read by search/unindexed (by internal id, checked
// against the record's own id in case the internal one was reused meanwhile). The id is bound by
// WITH first: `WHERE id(n) = row.nid` made FalkorDB scan every node for each row (All Node Scan;
// 429 s and still running on 5.7 M records), where a bound variable is a NodeByIdSeek.
UNWIND $rows AS row
WITH row, row.nid AS nid
MATCH (n)
WHERE id(n) = nid AND n.id = row.id AND n.words IS NULL
SET n.words = row.words
RETURN count(n) AS filled
