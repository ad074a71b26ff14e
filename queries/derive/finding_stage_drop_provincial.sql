-- Drops the staged findings of province-level units (kind tinh / thanh_pho): a province's
-- own resolutions (the mechanism its communes cite) are carried so that communes' grounds
-- can link to them, but the rules are commune rules and do not judge them.
-- No parameters. Returns nothing.
DELETE FROM finding_stage
WHERE unit_code IN (SELECT code FROM unit_period WHERE kind IN ('tinh', 'thanh_pho'))
