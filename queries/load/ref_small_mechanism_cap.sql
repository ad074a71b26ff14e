-- Inserts one period of the small-works special mechanism from data/small_mechanism_caps.csv.
-- Parameters: $programme, $valid_from, $valid_to, $max_dong (NULL: not known), $confirmed,
-- $note_vi, $note_en.
INSERT INTO small_mechanism_cap VALUES ($programme, $valid_from, $valid_to, $max_dong, $confirmed,
    $note_vi, $note_en)
