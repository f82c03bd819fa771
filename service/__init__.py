"""Hamahang: the inter-agency coordination registry."""

__version__ = "0.1.0"
