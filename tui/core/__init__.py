"""Headless core of ntm-review. Nothing in this package may import textual."""
