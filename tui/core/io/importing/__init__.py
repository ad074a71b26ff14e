"""Importing the spreadsheets communes send (.xlsx, .csv) into the audited database.

Reading follows tui/core/io/layout.py: one sheet (or CSV file) per kind of record, headers
matched without regard to accents or case, in Vietnamese or English. Each file is read
and checked completely before anything is written; every problem is collected with its
file, sheet, row, column, the value found and what was expected. A file with any problem
loads nothing.

Loading is all-or-nothing per file and never touches the live database file: the files
that passed are merged into the data read from the current database (each replaces
every unit-year it contains — resolutions and surpluses of that unit in that year — and
everything else is kept), then `build_database` writes a new file under the build lock
and renames it into place (RELIABILITY.md). Sessions reading the old file keep their
snapshot and notice the new one. Importing the same content again changes nothing, and
resolution ids are derived from unit, year, number and date, so reviewers' decisions
(attached to finding keys made of natural keys) stay attached.

The steps, one module each:

- `read`: a workbook or CSV file → grids of cells (refusing what cannot be read safely);
- `header`: one grid → its header rows, unit line, merged cells and column map;
- `rows`: the rows under the header → records, group/total/signature rows, stated totals;
- `reader`: the state of reading one import unit, and one cell → its value;
- `check`: checks across rows and sheets (duplicates, references, units, amounts);
- `assemble`: checked records → a Dataset;
- `source`: one import unit (a workbook, or a folder of CSV files) read and checked;
- `load`: the accepted files merged into the database in one rebuild.

`problems` holds the Problem every step reports, `choices` the allowed values of choice
fields, `records` the shapes the steps pass along.
"""
