// Agreements by id (a DataLoader batch); the parties are stored on the node (providerIds, receiverIds).
MATCH (n:Agreement)
WHERE n.id IN $ids
RETURN n {.*, search: null} AS node
