// Readiness: does the store answer a query?
RETURN 1 AS ok
