"""Reviewers' work: the append-only review store (SQLite or PostgreSQL), its hash chain, the
one write path for decisions, notes and conclusions, tracking to the end and evidence files."""
