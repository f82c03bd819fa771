// Mark notifications of one inbox read (ids null: all of them); another inbox's ids match nothing.
MATCH (n:Notification)
WHERE n.recipient IN $recipients
  AND ($ids IS NULL OR n.id IN $ids)
  AND n.readAt IS NULL
SET n.readAt = $now
RETURN count(n) AS marked
