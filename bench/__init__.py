"""Benchmarks: run on demand (``python -m bench.<name>``), never in the test suite."""
