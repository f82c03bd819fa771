// Write a sweep's notifications, each at most once: the key (kind, record, recipient and, for reminders,
// the due date) is unique, so another sweep (a second worker, a restart, an overlapping window) matches
// the node the first one made and changes nothing. `created` tells this sweep which ones it made.
UNWIND $rows AS row
MERGE (n:Notification {key: row.key})
ON CREATE SET n += row.props, n.createdAt = $now, n.sweepId = $sweepId
RETURN n.key AS key, n.id AS id, n.sweepId = $sweepId AS created
