// Which of these notification keys are written already: a sweep then sends only the others' rows (most
// of a sweep's events were told before; their MERGE would only match). The MERGE still guards a race.
UNWIND $keys AS key
MATCH (n:Notification {key: key})
RETURN n.key AS key
