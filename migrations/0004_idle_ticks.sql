-- Idle ticks that cost next to nothing (issue 13). A cycle with no new mail and no timer due reads no thread,
-- writes no stage and asks the provider for its two sync cursors only.

-- When the provider's profile (name, signature; Gmail send-as, Graph /me) and the fate of every waiting draft were
-- last checked in full: once a day, not every cycle. Null: never (the next cycle does it).
ALTER TABLE accounts ADD COLUMN profile_checked_at timestamptz;

-- A counter of the changes the lifecycle depends on (a sync page that changed mail or meetings, an assessment, a
-- correction, a settings change), and the value the last finished evaluation took into account: the account needs
-- evaluating when they differ. Bumped by whoever writes the change, compared and settled by the cycle.
ALTER TABLE accounts ADD COLUMN changes bigint NOT NULL DEFAULT 1;
ALTER TABLE accounts ADD COLUMN settled_changes bigint NOT NULL DEFAULT 0;

-- The next moment a stored relationship's stage or due drafts change with time alone (a meeting starts or ends, a
-- nudge or check-in comes due, a thank-you window closes); null: none known. Until then an unchanged account is
-- not evaluated.
ALTER TABLE accounts ADD COLUMN evaluate_after timestamptz;
