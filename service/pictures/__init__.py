"""Pictures: the registry as interactive networks (pyvis, offline, right to left) and the
analysis matrices as heatmaps, for analysts who would rather look than read."""
