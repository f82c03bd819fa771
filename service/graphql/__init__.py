"""The GraphQL API: strawberry types, DataLoaders, queries and mutations over the registry."""
