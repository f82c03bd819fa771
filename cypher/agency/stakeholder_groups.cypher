// Which of the given agency ids are legacy stakeholder groups (kind stakeholder_group), which no
// request may be addressed to: an import's check.
MATCH (a:Agency)
WHERE a.id IN $ids AND a.kind = 'stakeholder_group'
RETURN a.id AS id
