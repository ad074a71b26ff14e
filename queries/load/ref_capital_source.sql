-- Inserts one capital-source kind from data/capital_sources.csv.
-- Parameters: $code, $name_vi, $name_en, $source_group, $requires_share,
-- $community_or_enterprise, $sort_order.
INSERT INTO capital_source VALUES ($code, $name_vi, $name_en, $source_group, $requires_share,
    $community_or_enterprise, $sort_order)
