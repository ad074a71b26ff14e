-- Inserts every capital-source kind from data/capital_sources.csv. One statement for the
-- whole file: executemany took about 1.5 ms a row. Parameters: $rows, a list of structs, one
-- per row of the file, with the fields code, name_vi, name_en, source_group,
-- requires_share, community_or_enterprise, sort_order, valid_from, valid_to (the budget
-- level's existence: NS_HUYEN ends with the district level on 30/06/2025). Returns nothing.
INSERT INTO capital_source
SELECT r.code, r.name_vi, r.name_en, r.source_group, r.requires_share,
       r.community_or_enterprise, r.sort_order, r.valid_from, r.valid_to
FROM (SELECT unnest($rows) AS r)
