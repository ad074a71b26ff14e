-- Undo the open transaction after a refusal or a failure; returns nothing. No parameters.
ROLLBACK
