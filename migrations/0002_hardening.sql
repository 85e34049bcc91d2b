-- Issue 12 (hardening): compare-and-set sync cursors and a resync that may span runs; per-thread assessment
-- failures kept apart with their back-off; the meeting facts the rules read; login sessions shared by replicas.

-- Every cursor write is a compare-and-set on cursor_version, so two overlapping runs never move a cursor back.
-- A resync from scratch remembers the cursor version it began at, the start of the window it re-reads, and which
-- folders ('*' = the whole mailbox) it restarted; each message remembers the version of the page that last wrote
-- it. So the sweep of what the resync did not see again happens even when it ends in a later run, and needs no
-- clock at all.
ALTER TABLE sync_state
  ADD COLUMN cursor_version bigint NOT NULL DEFAULT 0,
  ADD COLUMN resync_from_version bigint,
  ADD COLUMN resync_since timestamptz,
  ADD COLUMN resync_labels text[] NOT NULL DEFAULT '{}';
ALTER TABLE messages
  ADD COLUMN seen_version bigint NOT NULL DEFAULT 0;

-- A thread that cannot be read or assessed is set aside with a back-off instead of blocking its account.
ALTER TABLE threads
  ADD COLUMN assess_failures integer NOT NULL DEFAULT 0,
  ADD COLUMN assess_retry_after timestamptz,
  ADD COLUMN assess_error text;
CREATE INDEX threads_assess_failing_idx ON threads (account_id) WHERE assess_failures > 0;

-- What the meeting rules read besides times and people: an all-day event is not a conversation; the description and
-- location may name the contact ("Coffee with ana@x.org"). Kept to a few kilobytes.
ALTER TABLE meetings
  ADD COLUMN all_day boolean NOT NULL DEFAULT false,
  ADD COLUMN description text NOT NULL DEFAULT '',
  ADD COLUMN location text NOT NULL DEFAULT '';

-- Web login sessions (the admin token typed once), shared by every replica behind a proxy. Only a hash of the
-- session id is stored. Install-wide: a session is the operator's, not an account's.
CREATE TABLE web_sessions (
  id_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX web_sessions_expiry_idx ON web_sessions (expires_at);
