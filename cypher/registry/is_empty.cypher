// Is there any agency yet? (the demo loads only into an empty registry)
MATCH (a:Agency)
RETURN count(a) AS agencies
