-- Drafts that learn from the user's edits (issue 15 item 5). When a draft Rapport wrote is sent, the sent text is
-- compared in memory with what was drafted, part by part (greeting, each paragraph, sign-off), and only the shape of
-- the edit is kept: per part kept, rewritten or deleted, and how many paragraphs were added. Never any text.

-- Which template part each paragraph of body_text came from ("greeting", "if me.resumeUrl", "signoff", ...), in
-- order, and the template they belong to ("thank-you/en"), with a short hash of the template's source: part names
-- are only comparable between drafts of the same template source.
ALTER TABLE drafts ADD COLUMN template_ref text;
ALTER TABLE drafts ADD COLUMN part_keys text[];

-- One row per sent draft whose sent text could be read. parts: [{"part": key, "edit": "kept"|"rewritten"|"deleted"}].
CREATE TABLE draft_edits (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  draft_id bigint NOT NULL,
  template_ref text NOT NULL,
  parts jsonb NOT NULL,
  added integer NOT NULL DEFAULT 0 CHECK (added >= 0),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, draft_id),
  FOREIGN KEY (account_id, draft_id) REFERENCES drafts (account_id, id) ON DELETE CASCADE
);
CREATE INDEX draft_edits_template_idx ON draft_edits (account_id, template_ref, sent_at DESC);

-- A change to one template for one account, accepted on the page ("drop"); undoing it deletes the row. A suggestion
-- the user dismissed stays as 'dismissed' so it is not proposed again.
CREATE TABLE template_adjustments (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  template_ref text NOT NULL,
  part_key text NOT NULL,
  action text NOT NULL CHECK (action IN ('drop')),
  state text NOT NULL CHECK (state IN ('applied', 'dismissed')),
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, template_ref, part_key)
);
