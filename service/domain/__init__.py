"""The registry's vocabulary: enums and validated input models, free of storage and GraphQL."""
