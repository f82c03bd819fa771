// Agencies with unread notifications and a contact e-mail: who gets a digest today.
MATCH (n:Notification)
WHERE n.recipientKind = 'agency' AND n.readAt IS NULL
WITH n.agencyId AS agencyId, count(n) AS unread
MATCH (a:Agency {id: agencyId})
WHERE a.contactEmail IS NOT NULL AND a.contactEmail <> ''
RETURN a.id AS agencyId, a.nameFa AS nameFa, a.contactEmail AS email, unread
ORDER BY agencyId
