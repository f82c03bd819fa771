"""Labelled evaluations of the analyses (``make eval``): one module per analysis."""
