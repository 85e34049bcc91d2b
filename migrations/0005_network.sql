-- The network beyond the inbox (issue 15): contacts imported from LinkedIn's own export, and the per-person controls
-- a user sets (snooze, do-not-contact, a cadence of their own, touches logged by hand). Every table carries
-- account_id and every query is scoped by it.

-- One row per person of a LinkedIn "Connections.csv" import. source_key is the person's identity across imports
-- (the profile URL, else the e-mail address, else the name and company), so a re-import updates instead of adding.
-- Organisation and position are kept as the person wrote them on their profile; contact_id is the contact (from mail)
-- the person was matched to, by address and then by name.
CREATE TABLE linkedin_connections (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  source_key text NOT NULL,
  first_name text NOT NULL DEFAULT '',
  last_name text NOT NULL DEFAULT '',
  -- lower-case, accents and punctuation folded: what a name match compares
  name_key text NOT NULL,
  address text,
  profile_url text,
  organisation text,
  position text,
  connected_on date,
  contact_id bigint,
  -- how contact_id was found (meaningless once contact_id is null again)
  matched_by text CHECK (matched_by IN ('address', 'name')),
  imported_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, source_key),
  FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE SET NULL (contact_id)
);
-- A contact is matched to at most one imported person.
CREATE UNIQUE INDEX linkedin_connections_contact_idx ON linkedin_connections (account_id, contact_id)
  WHERE contact_id IS NOT NULL;
CREATE INDEX linkedin_connections_address_idx ON linkedin_connections (account_id, address);
CREATE INDEX linkedin_connections_name_idx ON linkedin_connections (account_id, name_key);
CREATE INDEX linkedin_connections_organisation_idx ON linkedin_connections (account_id, lower(organisation));

-- Per-person controls. do_not_contact already exists (a contact who asked, or the user); snoozed_until is the local
-- date from which drafts about this person may be due again; the two cadence columns override the account's rules
-- for this person only (null: the account's).
ALTER TABLE contacts
  ADD COLUMN snoozed_until date,
  ADD COLUMN check_in_after_days integer CHECK (check_in_after_days BETWEEN 1 AND 730),
  ADD COLUMN nudge_after_business_days integer CHECK (nudge_after_business_days BETWEEN 1 AND 60);

-- Conversations in neither mail nor calendar (a phone call, a coffee), logged by the user: they count as being in
-- touch with the person. The note is the user's own words, at most 200 characters.
CREATE TABLE contact_touches (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  contact_id bigint NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('call', 'coffee', 'video', 'event', 'other')),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, id),
  FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_touches_contact_idx ON contact_touches (account_id, contact_id, at);
