// Where a sweep got to: kept in the graph, so a restarted service carries on from there.
MATCH (s:SweepState {id: $id})
RETURN s {.*} AS node
