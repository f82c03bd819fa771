"""The registry: entity specs, the repository over the storage port, and its use cases."""
