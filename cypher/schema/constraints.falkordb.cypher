// The graph's constraints and whether FalkorDB enforces them yet (PENDING, OPERATIONAL, FAILED):
// start-up creates only the missing ones and waits for them.
CALL db.constraints() YIELD label, properties, status
RETURN label, properties, status
