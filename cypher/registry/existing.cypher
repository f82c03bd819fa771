// Which of the given ids are already stored, per label: an import's id and reference checks (ids only, by index).
OPTIONAL MATCH (a:Agency)
WHERE a.id IN $agencies
WITH collect(a.id) AS agencies
OPTIONAL MATCH (d:Duty)
WHERE d.id IN $duties
WITH agencies, collect(d.id) AS duties
OPTIONAL MATCH (c:Capacity)
WHERE c.id IN $capacities
WITH agencies, duties, collect(c.id) AS capacities
OPTIONAL MATCH (e:Need)
WHERE e.id IN $needs
WITH agencies, duties, capacities, collect(e.id) AS needs
OPTIONAL MATCH (i:Issue)
WHERE i.id IN $issues
WITH agencies, duties, capacities, needs, collect(i.id) AS issues
OPTIONAL MATCH (x:Exchange)
WHERE x.id IN $exchanges
WITH agencies, duties, capacities, needs, issues, collect(x.id) AS exchanges
OPTIONAL MATCH (r:Request)
WHERE r.id IN $requests
WITH agencies, duties, capacities, needs, issues, exchanges, collect(r.id) AS requests
OPTIONAL MATCH (w:WorkingGroup)
WHERE w.id IN $workingGroups
RETURN agencies, duties, capacities, needs, issues, exchanges, requests, collect(w.id) AS workingGroups
