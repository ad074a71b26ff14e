"""Files in and out: the import layout and importer, the blank template, exports, the
conclusion notice, legacy font conversion and the checks on hostile files."""
