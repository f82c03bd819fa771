// One page of an inbox (an agency's, or a directorate token's), newest first; unreadOnly keeps unread ones.
MATCH (n:Notification)
WHERE n.recipient IN $recipients
  AND (NOT $unreadOnly OR n.readAt IS NULL)
  AND ($kind IS NULL OR n.kind = $kind)
RETURN n {.*} AS node
ORDER BY n.createdAt DESC, n.key
SKIP $skip
LIMIT $limit
