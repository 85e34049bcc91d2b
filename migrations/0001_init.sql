-- Rapport's data model. Every table carries account_id and every query is scoped by it: accounts are the unit
-- of work for replicas and the distribution column for a sharded Postgres (Citus). Primary keys therefore
-- start with account_id. Message bodies are never stored here.
-- The migrator sends each file whole, in one transaction.

CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider text NOT NULL CHECK (provider IN ('gmail', 'outlook', 'offline')),
  address text NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}',
  display_name text NOT NULL DEFAULT '',
  time_zone text NOT NULL DEFAULT 'UTC',
  -- AES-256-GCM sealed JSON of the OAuth tokens (crypto/token-cipher.ts); null for offline accounts.
  tokens_sealed text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reauth', 'paused', 'disabled')),
  status_reason text,
  signature text NOT NULL DEFAULT '',
  resume_url text,
  digest_weekday smallint NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 0 AND 6),
  digest_time text NOT NULL DEFAULT '08:00' CHECK (digest_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  goal_conversations integer NOT NULL DEFAULT 12 CHECK (goal_conversations >= 0),
  goal_period text NOT NULL DEFAULT 'quarter' CHECK (goal_period IN ('week', 'month', 'quarter')),
  -- Per-account overrides of the cadence rules (JSON of domain CadenceRules fields).
  cadence jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, address)
);

CREATE TABLE sync_state (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  resource text NOT NULL CHECK (resource IN ('mail', 'calendar')),
  cursor text,
  stage text NOT NULL DEFAULT 'backfill' CHECK (stage IN ('backfill', 'incremental', 'resync')),
  failure_count integer NOT NULL DEFAULT 0,
  retry_after timestamptz,
  last_attempt_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  units_spent bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, resource)
);
CREATE INDEX sync_state_due_idx ON sync_state (retry_after, last_success_at);

CREATE TABLE contacts (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  address text NOT NULL,
  name text NOT NULL DEFAULT '',
  organisation text,
  do_not_contact boolean NOT NULL DEFAULT false,
  referred_by_contact_id bigint,
  stage text,
  first_seen_at timestamptz,
  last_message_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, address),
  FOREIGN KEY (account_id, referred_by_contact_id) REFERENCES contacts (account_id, id) ON DELETE SET NULL (referred_by_contact_id)
);

CREATE TABLE threads (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- Provider thread id (Gmail threadId, Graph conversationId), or the root Message-ID for mail read from files.
  thread_key text NOT NULL,
  root_message_id text,
  subject text NOT NULL DEFAULT '',
  informational boolean,
  direction text CHECK (direction IN ('seeker', 'host')),
  confidence real,
  reasons jsonb NOT NULL DEFAULT '[]',
  -- The engine's full assessment (JSON, no body text): signals the cadence rules need later.
  assessment jsonb,
  assessed_at timestamptz,
  -- Set when new mail arrived since the last assessment.
  needs_assessment boolean NOT NULL DEFAULT true,
  stage text,
  contact_id bigint,
  last_message_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, thread_key),
  FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE SET NULL (contact_id)
);
CREATE INDEX threads_assess_idx ON threads (account_id) WHERE needs_assessment;
CREATE INDEX threads_root_idx ON threads (account_id, root_message_id);

CREATE TABLE messages (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider_message_id text NOT NULL,
  thread_id bigint NOT NULL,
  message_id text,
  in_reply_to text[] NOT NULL DEFAULT '{}',
  refs text[] NOT NULL DEFAULT '{}',
  subject text NOT NULL DEFAULT '',
  from_address text,
  from_name text NOT NULL DEFAULT '',
  to_addresses jsonb NOT NULL DEFAULT '[]',
  cc_addresses jsonb NOT NULL DEFAULT '[]',
  sent_at timestamptz,
  sent_by_user boolean NOT NULL DEFAULT false,
  labels text[] NOT NULL DEFAULT '{}',
  -- X-Rapport-Draft marker when the message is (or was sent from) a Rapport draft.
  rapport_marker text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, provider_message_id),
  FOREIGN KEY (account_id, thread_id) REFERENCES threads (account_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_thread_idx ON messages (account_id, thread_id, sent_at);
CREATE INDEX messages_message_id_idx ON messages (account_id, message_id);
CREATE INDEX messages_marker_idx ON messages (account_id, rapport_marker) WHERE rapport_marker IS NOT NULL;

CREATE TABLE meetings (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  provider_event_id text NOT NULL,
  ical_uid text,
  summary text NOT NULL DEFAULT '',
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
  attendees jsonb NOT NULL DEFAULT '[]',
  organizer_address text,
  contact_id bigint,
  thread_id bigint,
  informational boolean,
  assessment jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, provider_event_id),
  FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE SET NULL (contact_id)
);
CREATE INDEX meetings_time_idx ON meetings (account_id, end_at);

-- The drafts ledger: a row is claimed before the provider is called, so one (target, kind, cycle) can never
-- get two drafts, even with replicas racing or a crash between the provider call and the database write.
CREATE TABLE drafts (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- The thread key the draft answers (or 'meeting:<provider event id>' for a meeting with no thread).
  target_key text NOT NULL,
  thread_id bigint,
  contact_id bigint,
  kind text NOT NULL CHECK (kind IN ('thank_you', 'nudge', 'check_in')),
  cycle integer NOT NULL DEFAULT 1,
  state text NOT NULL DEFAULT 'claimed' CHECK (state IN ('claimed', 'created', 'sent', 'deleted', 'superseded', 'failed', 'dry_run')),
  to_address text NOT NULL,
  in_reply_to text,
  subject text NOT NULL DEFAULT '',
  due_since timestamptz,
  provider_draft_id text,
  provider_message_id text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz,
  resolved_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, target_key, kind, cycle),
  FOREIGN KEY (account_id, thread_id) REFERENCES threads (account_id, id) ON DELETE SET NULL (thread_id),
  FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE SET NULL (contact_id)
);
CREATE INDEX drafts_open_idx ON drafts (account_id, state) WHERE state IN ('claimed', 'created');

CREATE TABLE digests (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- The local date (in the account's time zone) the digest period starts on.
  period_start date NOT NULL,
  state text NOT NULL DEFAULT 'claimed' CHECK (state IN ('claimed', 'sent', 'failed')),
  claimed_at timestamptz NOT NULL DEFAULT now(),
  claim_expires_at timestamptz,
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  PRIMARY KEY (account_id, period_start)
);

-- A user's correction of a classification; later scans and syncs respect it.
CREATE TABLE classification_overrides (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  thread_key text NOT NULL,
  informational boolean NOT NULL,
  direction text CHECK (direction IN ('seeker', 'host')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, thread_key)
);
