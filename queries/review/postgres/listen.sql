-- Subscribe this connection to the notification sent on every committed event (the
-- payload is the event's seq). No parameters, returns nothing.
LISTEN ntm_review_event
