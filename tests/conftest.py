"""pytest configuration: the test helpers live in support.py."""
