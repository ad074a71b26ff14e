"""Exports, one module per concern: the words and errors (messages), the tables
(tables), writing them as xlsx, CSV or Markdown (write), the data back in the import layout
(roundtrip) and where files go (paths). tui/core/io/export.py is the entry point."""
