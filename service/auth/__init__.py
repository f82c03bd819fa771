"""Who may do what: API tokens (stored as hashes) and the per-object policy."""
