// What awaits an agency's answer on $today (for the notifier, CONTRACT-18): an order awaiting the
// provider, a delivery awaiting the receiver, a payment awaiting the payee, one row per agency
// awaited; and a draft some parties signed, awaiting the others' signatures.
MATCH (s:AgreementStep)-[:UNDER]->(n:Agreement)
WHERE s.status IN ['placed', 'reported', 'recorded'] AND NOT n.archived
  AND n.status IN ['active', 'completed'] AND s.on <= $today
UNWIND s.answerIds AS awaitingAgencyId
RETURN n.id AS agreementId, n.titleFa AS titleFa,
       CASE s.status WHEN 'placed' THEN 'order_placed' WHEN 'reported' THEN 'performance_reported' ELSE 'settlement_recorded' END AS step,
       s.id AS stepId, awaitingAgencyId, s.on AS since
UNION ALL
MATCH (n:Agreement)
WHERE n.status = 'draft' AND NOT n.archived AND size(n.signedIds) > 0 AND n.firstSignedOn <= $today
UNWIND [x IN n.providerIds + n.receiverIds WHERE NOT x IN n.signedIds] AS awaitingAgencyId
RETURN n.id AS agreementId, n.titleFa AS titleFa, 'signature_awaited' AS step, n.id AS stepId, awaitingAgencyId,
       n.firstSignedOn AS since
