"""HTTP routes besides GraphQL: health, readiness, downloads."""
