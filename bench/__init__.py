"""Hamahang's performance benchmark suite (``make bench`` / ``python -m bench.run``), separate from the tests.

Everything it writes lives under ``bench/.var`` (git-ignored) except ``bench/RESULTS.md``.
"""
