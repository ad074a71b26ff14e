-- One setting from data/settings.csv. Parameters: $key. Returns: value, confirmed.
SELECT value, confirmed FROM setting WHERE key = $key
