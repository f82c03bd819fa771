// How many notifications an inbox holds and how many of them are unread.
MATCH (n:Notification)
WHERE n.recipient IN $recipients
RETURN count(n) AS total, sum(CASE WHEN n.readAt IS NULL THEN 1 ELSE 0 END) AS unread
