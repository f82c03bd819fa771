// Backup: every node with its labels and properties.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
