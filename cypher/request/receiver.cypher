// What a request's receiver id names: an agency (with its kind) or a stakeholder, which may not
// receive requests (issue #19.3).
OPTIONAL MATCH (a:Agency {id: $id})
OPTIONAL MATCH (s:Stakeholder {id: $id})
RETURN a.kind AS agencyKind, s.id AS stakeholderId
