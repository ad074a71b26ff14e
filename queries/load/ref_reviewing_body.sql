-- Inserts one reviewing body from data/reviewing_bodies.csv (who reviews a unit's
-- resolutions in a period). Parameters: $scope_code, $valid_from, $valid_to, $name_vi,
-- $name_en, $confirmed, $note. Returns nothing.
INSERT INTO reviewing_body
VALUES ($scope_code, CAST($valid_from AS DATE), CAST($valid_to AS DATE), $name_vi, $name_en,
        $confirmed, $note)
