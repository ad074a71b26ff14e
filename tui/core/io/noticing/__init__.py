"""The draft conclusion notice, one module per concern: its sentences (text), its
content (content), rendered as Markdown (markdown) or Word (word). tui/core/io/notice.py is
the entry point."""
