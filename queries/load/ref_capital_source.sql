-- Inserts one capital-source kind from data/capital_sources.csv.
-- Parameters: $code, $name_vi, $name_en, $source_group, $requires_share,
-- $community_or_enterprise, $sort_order, $valid_from, $valid_to (the budget level's
-- existence: NS_HUYEN ends with the district level on 30/06/2025).
INSERT INTO capital_source VALUES ($code, $name_vi, $name_en, $source_group, $requires_share,
    $community_or_enterprise, $sort_order, $valid_from, $valid_to)
