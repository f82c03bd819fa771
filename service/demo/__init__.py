"""The Mashhad demo registry, loaded into an empty store."""
