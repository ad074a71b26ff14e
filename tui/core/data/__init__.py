"""The audited data: opening and building the DuckDB file, reference catalogues, units
across time, and the demo datasets."""
