-- Number of findings. Returns one row, one column.
SELECT count(*) FROM finding
