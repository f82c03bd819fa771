// The intake round's version: every committee or council decision moves it on by one.
OPTIONAL MATCH (r:IntakeRound {id: 'current'})
RETURN coalesce(r.version, 0) AS version
