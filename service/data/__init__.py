"""Data shipped with the service: the COFOG taxonomy and the Mashhad demo registry."""
