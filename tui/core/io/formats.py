"""The output formats of `export` and `notice`, apart from the modules that write them:
the command line lists them in its --help on every start (the TUI's included), and
importing the writers (duckdb, openpyxl, python-docx) for that cost most of the parse."""

EXPORT_FORMATS = ("xlsx", "csv", "md", "import-xlsx")
NOTICE_FORMATS = ("docx", "md")
