// How many live directorate tokens exist (development makes one when there is none).
MATCH (t:ApiToken {role: 'directorate'})
WHERE t.revokedAt IS NULL
RETURN count(t) AS total
