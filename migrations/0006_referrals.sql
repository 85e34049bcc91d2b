-- Referral follow-through (issue 15, item 1): who introduced whom, when, from which thread. One row per person a
-- contact introduced or named in one thread: a cc-introduction ("meet Sam", Sam on the message), a person named in a
-- reply ("talk to Priya Shah at Northwind, priya@…"), or a forwarded background. The referred person's address may
-- be unknown (a name and an organisation only): then no draft is made and the digest lists them "no address yet".
-- referred_contact_id is filled in once mail makes the referred person a contact. Every query is scoped by account.
CREATE TABLE referrals (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- the thread the introduction was made in, and the message that made it
  thread_id bigint NOT NULL,
  message_id text,
  kind text NOT NULL CHECK (kind IN ('cc', 'named', 'forward')),
  referrer_contact_id bigint NOT NULL,
  -- lower-case address when known; else null, and referred_key is the folded name
  referred_address text,
  referred_key text NOT NULL,
  referred_name text NOT NULL DEFAULT '',
  referred_organisation text,
  referred_contact_id bigint,
  introduced_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, thread_id, referred_key),
  FOREIGN KEY (account_id, thread_id) REFERENCES threads (account_id, id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, referrer_contact_id) REFERENCES contacts (account_id, id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, referred_contact_id) REFERENCES contacts (account_id, id) ON DELETE SET NULL (referred_contact_id)
);
CREATE INDEX referrals_referred_idx ON referrals (account_id, referred_address);
CREATE INDEX referrals_referrer_idx ON referrals (account_id, referrer_contact_id);

-- Two new draft kinds: the thank-and-Bcc reply-all to a cc-introduction, and the first outreach to a person named
-- without a cc.
ALTER TABLE drafts DROP CONSTRAINT drafts_kind_check;
ALTER TABLE drafts ADD CONSTRAINT drafts_kind_check
  CHECK (kind IN ('thank_you', 'nudge', 'check_in', 'intro_reply', 'referral_outreach'));
