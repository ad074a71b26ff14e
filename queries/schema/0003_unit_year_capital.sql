-- Migration 0003: unit_year_capital, the capital of each unit and year by source.
-- Returns nothing. No parameters.
-- The overview's capital-mix chart summed every capital line of the year (3 million at
-- national scale, about 60 ms on each keystroke of the filter); it now reads this table,
-- filled once per build by derive/capital_summary_fill (this migration fills it for a
-- file built before it existed).

CREATE TABLE unit_year_capital (
    unit_code   VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    source_code VARCHAR NOT NULL,
    amount      BIGINT NOT NULL,             -- integer đồng; lines without an amount count 0
    PRIMARY KEY (unit_code, year, source_code)
);

INSERT INTO unit_year_capital
SELECT r.unit_code, r.year, a.source_code, coalesce(sum(a.amount), 0)
FROM capital_allocation AS a
JOIN project AS p USING (project_id)
JOIN resolution AS r USING (resolution_id)
GROUP BY r.unit_code, r.year, a.source_code;
