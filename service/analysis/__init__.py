"""The analyses the directorate wants the registry for: duplicated work, win-win opportunities,
mission alignment, follow-up and collaboration structure. Each reads a snapshot of the store
(one query per entity type), works on networkx graphs and sparse matrices, and returns a result
object that GraphQL, the downloads, the CLI and the notebooks all use."""
