-- Drafts a person would send (issue 11). Message bodies are still never stored: only the few short facts a draft
-- needs, derived while a thread's bodies are in memory (src/domain/thread-facts.ts), and the text Rapport wrote.

-- The thread's facts as JSON (language, register, the user's greeting, what was asked, how long and how, who
-- referred whom, organisations as written, the user's role line); null when not derived or turned off.
ALTER TABLE threads ADD COLUMN facts jsonb;

-- Per account: derive and keep thread facts. Off: drafts fall back to generic wording and stored facts are dropped.
ALTER TABLE accounts ADD COLUMN thread_facts boolean NOT NULL DEFAULT true;

-- The name drafts are signed with and their From header carries, from the settings page ('' = automatic).
ALTER TABLE accounts ADD COLUMN sender_name text NOT NULL DEFAULT '';

-- The signature the provider keeps for the user (Gmail's send-as signature, as plain text); the settings page's wins.
ALTER TABLE accounts ADD COLUMN provider_signature text NOT NULL DEFAULT '';

-- The text of the draft Rapport wrote (shown by `rapport drafts` and the web page).
ALTER TABLE drafts ADD COLUMN body_text text;

-- Organisations used to be guessed from e-mail domains: forget them; informational threads are read again once
-- so their facts (organisations as written among them) are derived.
UPDATE contacts SET organisation = NULL;
UPDATE threads SET needs_assessment = true WHERE informational;
