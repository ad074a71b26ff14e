"""The rules and what they find: the rule engine, legal grounds, findings, the model-commune
comparison, follow-up across rebuilds and the reviewing body."""
