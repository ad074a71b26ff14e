-- Review store (PostgreSQL), version 0 -> 1: roles, tables, triggers, grants and
-- row-level security. A migration script run by the owner role in one transaction
-- (ntm-review store init-postgres); no parameters, returns nothing. Never edit: append.
--
-- Who may do what:
-- * the owner (the role that ran this script) owns the tables; only it changes schema,
--   manages reviewers (ntm_add_reviewer) and may copy events with their original
--   reviewer and time (ntm-review store copy);
-- * members of ntm_reviewer may SELECT, and INSERT events naming only the event's
--   content: seq, reviewer, time and previous decision are set by the server (the
--   reviewer is session_user, which peer authentication maps from the OS login);
--   UPDATE, DELETE and TRUNCATE are neither granted nor possible (triggers refuse them);
-- * row-level security refuses an event on a unit outside the reviewer's scope.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ntm_reviewer') THEN
        CREATE ROLE ntm_reviewer NOLOGIN;
    END IF;
END
$$;

CREATE TABLE store_meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('schema_version', '1');

-- Scope: the units each reviewer may record on; '*' means every unit. A reviewer with
-- no row may read but not record.
CREATE TABLE reviewer_unit (
    reviewer text NOT NULL,
    unit_code text NOT NULL,
    PRIMARY KEY (reviewer, unit_code)
);

CREATE TABLE event (
    -- Set by the event_stamp trigger from event_seq (no default: a default would draw
    -- a number before the trigger takes the lock, and leave gaps).
    seq bigint PRIMARY KEY,
    event_id text NOT NULL UNIQUE,
    -- Kinds stay open (later issues add kinds); the client validates what it writes.
    kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$'),
    finding_key text,
    entity_kind text,
    entity_key text,
    unit_code text,
    year integer CHECK (year BETWEEN 1900 AND 2200),
    decision text CHECK (
        decision IS NULL
        OR decision IN ('needs_correction', 'accepted', 'corrected', 'not_applicable')
    ),
    previous_decision text CHECK (
        previous_decision IS NULL
        OR previous_decision IN ('needs_correction', 'accepted', 'corrected', 'not_applicable')
    ),
    reason text NOT NULL DEFAULT '',
    reviewer text NOT NULL DEFAULT session_user CHECK (reviewer <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'decision' OR (decision IS NOT NULL AND finding_key IS NOT NULL)),
    CHECK (kind = 'decision' OR (decision IS NULL AND previous_decision IS NULL))
);
CREATE SEQUENCE event_seq OWNED BY event.seq;
CREATE INDEX event_finding ON event (finding_key, seq) WHERE kind = 'decision';
CREATE INDEX event_unit ON event (unit_code, year);
CREATE INDEX event_entity ON event (entity_key);

-- The server stamps every reviewer's event: one writer at a time (so seq grows in
-- commit order and a reader that remembers the last seq misses nothing), seq, reviewer
-- (session_user) and time (now()) from the server, previous decision read under the
-- same lock. SECURITY DEFINER: runs as the owner (to draw seq and read past RLS), while
-- session_user stays the connected reviewer.
CREATE FUNCTION event_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1314147666);
    IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.event'::regclass), 'MEMBER') THEN
        -- The owner copying events keeps their recorded seq, reviewer and time.
        NEW.seq := coalesce(NEW.seq, nextval('public.event_seq'));
        RETURN NEW;
    END IF;
    NEW.seq := nextval('public.event_seq');
    NEW.reviewer := session_user;
    NEW.created_at := now();
    NEW.previous_decision := NULL;
    IF NEW.kind = 'decision' THEN
        SELECT e.decision INTO NEW.previous_decision
        FROM public.event AS e
        WHERE e.kind = 'decision' AND e.finding_key = NEW.finding_key
        ORDER BY e.seq DESC
        LIMIT 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER event_stamp BEFORE INSERT ON event
FOR EACH ROW EXECUTE FUNCTION event_stamp();

CREATE FUNCTION event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER event_no_change BEFORE UPDATE OR DELETE ON event
FOR EACH ROW EXECUTE FUNCTION event_refuse_change();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
FOR EACH STATEMENT EXECUTE FUNCTION event_refuse_change();

-- Live refresh: every session listening on ntm_review_event hears of each commit.
CREATE FUNCTION event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ntm_review_event', NEW.seq::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER event_notify AFTER INSERT ON event
FOR EACH ROW EXECUTE FUNCTION event_notify();

ALTER TABLE event ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_read ON event FOR SELECT TO ntm_reviewer USING (true);
CREATE POLICY event_record ON event FOR INSERT TO ntm_reviewer WITH CHECK (
    reviewer = session_user
    AND EXISTS (
        SELECT 1 FROM reviewer_unit AS s
        WHERE s.reviewer = session_user AND (s.unit_code = '*' OR s.unit_code = event.unit_code)
    )
);

REVOKE ALL ON event, reviewer_unit, store_meta FROM PUBLIC;
GRANT SELECT ON event, reviewer_unit, store_meta TO ntm_reviewer;
GRANT INSERT (event_id, kind, finding_key, entity_kind, entity_key, unit_code, year, decision, reason)
    ON event TO ntm_reviewer;

-- Owner only: create (if needed) a login role for a reviewer, make it a member of
-- ntm_reviewer, and set the units it may record on.
CREATE FUNCTION ntm_add_reviewer(who text, units text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', who);
    END IF;
    EXECUTE format('GRANT ntm_reviewer TO %I', who);
    DELETE FROM reviewer_unit WHERE reviewer = who;
    INSERT INTO reviewer_unit (reviewer, unit_code)
    SELECT who, u FROM unnest(units) AS u;
END
$$;
REVOKE ALL ON FUNCTION ntm_add_reviewer(text, text[]) FROM PUBLIC;
