/** Kysely's view of the tables in migrations/. One interface per table, merged into `Database`. */
import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";
import type { PartEdit } from "../domain/draft-edits.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: written as a JSON string or value, read back parsed. */
type Json<T> = ColumnType<T, string | T | undefined, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Int8 = ColumnType<number, number | string | bigint, number | string | bigint>;
/** GENERATED ALWAYS AS IDENTITY: read as a number, never written. */
type GeneratedId = ColumnType<number, never, never>;

export type ProviderName = "gmail" | "outlook" | "offline";
export type AccountStatus = "active" | "needs_reauth" | "paused" | "disabled";
/** cc: copied in on an introduction; named: named in a reply; forward: a forwarded background. */
export type ReferralKind = "cc" | "named" | "forward";
export type DraftKind = "thank_you" | "nudge" | "check_in" | "intro_reply" | "referral_outreach";
export type DraftState = "claimed" | "created" | "sent" | "deleted" | "superseded" | "failed" | "dry_run";

interface AccountsTable {
  id: GeneratedId;
  provider: ProviderName;
  address: string;
  aliases: TextArray;
  display_name: ColumnType<string, string | undefined, string>;
  time_zone: ColumnType<string, string | undefined, string>;
  tokens_sealed: string | null;
  status: ColumnType<AccountStatus, AccountStatus | undefined, AccountStatus>;
  status_reason: string | null;
  signature: ColumnType<string, string | undefined, string>;
  resume_url: string | null;
  digest_weekday: ColumnType<number, number | undefined, number>;
  digest_time: ColumnType<string, string | undefined, string>;
  goal_conversations: ColumnType<number, number | undefined, number>;
  goal_period: ColumnType<"week" | "month" | "quarter", "week" | "month" | "quarter" | undefined>;
  cadence: Json<Record<string, unknown>>;
  /** Derive and keep thread facts (off: generic wording, nothing derived is stored). */
  thread_facts: ColumnType<boolean, boolean | undefined, boolean>;
  /** The name drafts are signed with, from the settings page ('' = automatic). */
  sender_name: ColumnType<string, string | undefined, string>;
  /** The provider's signature for the user (Gmail send-as), as plain text. */
  provider_signature: ColumnType<string, string | undefined, string>;
  /** When the provider profile and the fates of waiting drafts were last checked in full (daily). */
  profile_checked_at: NullableTimestamp;
  /** Bumped by every change the lifecycle depends on; evaluation is needed while it differs from settled_changes. */
  changes: ColumnType<number, number | string | bigint | undefined, number | string | bigint>;
  settled_changes: ColumnType<number, number | string | bigint | undefined, number | string | bigint>;
  /** The next moment stages or due drafts change with time alone; null: none known. */
  evaluate_after: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface SyncStateTable {
  account_id: Int8;
  resource: "mail" | "calendar";
  cursor: string | null;
  stage: ColumnType<"backfill" | "incremental" | "resync", "backfill" | "incremental" | "resync" | undefined>;
  failure_count: ColumnType<number, number | undefined, number>;
  retry_after: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_success_at: NullableTimestamp;
  last_error: string | null;
  units_spent: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  /** Bumped by every cursor write: the compare-and-set token (db/sync-cursor.ts). */
  cursor_version: ColumnType<number, number | undefined, number>;
  /** The cursor_version a resync in progress began at; null when none is. */
  resync_from_version: Int8 | null;
  resync_since: NullableTimestamp;
  /** Labels whose folder a resync restarted; "*" = the whole mailbox. */
  resync_labels: TextArray;
}

interface ContactsTable {
  account_id: Int8;
  id: GeneratedId;
  address: string;
  name: ColumnType<string, string | undefined, string>;
  organisation: string | null;
  do_not_contact: ColumnType<boolean, boolean | undefined, boolean>;
  referred_by_contact_id: Int8 | null;
  stage: string | null;
  first_seen_at: NullableTimestamp;
  last_message_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Local date ("YYYY-MM-DD") from which drafts about this person may be due again; null: not snoozed. */
  snoozed_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** This person's own check-in cadence in days (null: the account's). */
  check_in_after_days: number | null;
  /** This person's own nudge delay in business days (null: the account's). */
  nudge_after_business_days: number | null;
}

interface LinkedInConnectionsTable {
  account_id: Int8;
  id: GeneratedId;
  /** Identity across imports: the profile URL, else the address, else name and company. */
  source_key: string;
  first_name: ColumnType<string, string | undefined, string>;
  last_name: ColumnType<string, string | undefined, string>;
  name_key: string;
  address: string | null;
  profile_url: string | null;
  organisation: string | null;
  position: string | null;
  connected_on: ColumnType<string | null, string | null | undefined, string | null>;
  contact_id: Int8 | null;
  matched_by: "address" | "name" | null;
  imported_at: Timestamp;
  updated_at: Timestamp;
}

export type TouchKind = "call" | "coffee" | "video" | "event" | "other";

interface ContactTouchesTable {
  account_id: Int8;
  id: GeneratedId;
  contact_id: Int8;
  at: Timestamp;
  kind: TouchKind;
  note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

interface ThreadsTable {
  account_id: Int8;
  id: GeneratedId;
  thread_key: string;
  root_message_id: string | null;
  subject: ColumnType<string, string | undefined, string>;
  informational: boolean | null;
  direction: "seeker" | "host" | null;
  confidence: number | null;
  reasons: Json<string[]>;
  assessment: Json<unknown> | null;
  /** domain/thread-facts.ts ThreadFacts: short derived facts, never body text. */
  facts: Json<unknown> | null;
  assessed_at: NullableTimestamp;
  needs_assessment: ColumnType<boolean, boolean | undefined, boolean>;
  stage: string | null;
  contact_id: Int8 | null;
  last_message_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  assess_failures: ColumnType<number, number | undefined, number>;
  assess_retry_after: NullableTimestamp;
  assess_error: string | null;
}

interface MessagesTable {
  account_id: Int8;
  provider_message_id: string;
  thread_id: Int8;
  message_id: string | null;
  in_reply_to: TextArray;
  refs: TextArray;
  subject: ColumnType<string, string | undefined, string>;
  from_address: string | null;
  from_name: ColumnType<string, string | undefined, string>;
  to_addresses: Json<{ address: string; name: string }[]>;
  cc_addresses: Json<{ address: string; name: string }[]>;
  sent_at: NullableTimestamp;
  sent_by_user: ColumnType<boolean, boolean | undefined, boolean>;
  labels: TextArray;
  rapport_marker: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The mail cursor_version of the sync page that last wrote this row (db/sync-cursor.ts). */
  seen_version: ColumnType<number, number | undefined, number>;
}

interface MeetingsTable {
  account_id: Int8;
  id: GeneratedId;
  provider_event_id: string;
  ical_uid: string | null;
  summary: ColumnType<string, string | undefined, string>;
  start_at: Timestamp;
  end_at: Timestamp;
  status: "confirmed" | "tentative" | "cancelled";
  attendees: Json<unknown[]>;
  organizer_address: string | null;
  contact_id: Int8 | null;
  thread_id: Int8 | null;
  informational: boolean | null;
  assessment: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  all_day: ColumnType<boolean, boolean | undefined, boolean>;
  description: ColumnType<string, string | undefined, string>;
  location: ColumnType<string, string | undefined, string>;
}

interface DraftsTable {
  account_id: Int8;
  id: GeneratedId;
  target_key: string;
  thread_id: Int8 | null;
  contact_id: Int8 | null;
  kind: DraftKind;
  cycle: ColumnType<number, number | undefined, number>;
  state: ColumnType<DraftState, DraftState | undefined, DraftState>;
  to_address: string;
  in_reply_to: string | null;
  subject: ColumnType<string, string | undefined, string>;
  due_since: NullableTimestamp;
  provider_draft_id: string | null;
  provider_message_id: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  /** The text Rapport wrote into the draft. */
  body_text: string | null;
  /** The template the text came from, "<name>/<language>@<source hash>" (templates/template-parts.ts). */
  template_ref: ColumnType<string | null, string | null | undefined, string | null>;
  /** The template part each paragraph of body_text came from, in order. */
  part_keys: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  claimed_at: Timestamp;
  created_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** Who introduced whom, when, from which thread (migrations/0006_referrals.sql). */
interface ReferralsTable {
  account_id: Int8;
  id: GeneratedId;
  thread_id: Int8;
  message_id: string | null;
  kind: ReferralKind;
  referrer_contact_id: Int8;
  referred_address: string | null;
  /** The address, else the folded name: one row per referred person and thread. */
  referred_key: string;
  referred_name: ColumnType<string, string | undefined, string>;
  referred_organisation: string | null;
  referred_contact_id: Int8 | null;
  introduced_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface DigestsTable {
  account_id: Int8;
  period_start: ColumnType<string, string, string>;
  state: ColumnType<"claimed" | "sent" | "failed", "claimed" | "sent" | "failed" | undefined>;
  claimed_at: Timestamp;
  claim_expires_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

interface ClassificationOverridesTable {
  account_id: Int8;
  thread_key: string;
  informational: boolean;
  direction: "seeker" | "host" | null;
  note: string | null;
  created_at: Timestamp;
}

interface WebSessionsTable {
  id_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

interface SchemaMigrationsTable {
  id: number;
  name: string;
  applied_at: Timestamp;
}

interface DraftEditsTable {
  account_id: Int8;
  draft_id: Int8;
  template_ref: string;
  parts: Json<{ part: string; edit: PartEdit }[]>;
  added: number;
  sent_at: Timestamp;
}

interface TemplateAdjustmentsTable {
  account_id: Int8;
  template_ref: string;
  part_key: string;
  action: "drop";
  state: "applied" | "dismissed";
  decided_at: Timestamp;
}

export interface Database {
  accounts: AccountsTable;
  sync_state: SyncStateTable;
  contacts: ContactsTable;
  threads: ThreadsTable;
  messages: MessagesTable;
  meetings: MeetingsTable;
  drafts: DraftsTable;
  referrals: ReferralsTable;
  digests: DigestsTable;
  classification_overrides: ClassificationOverridesTable;
  linkedin_connections: LinkedInConnectionsTable;
  contact_touches: ContactTouchesTable;
  web_sessions: WebSessionsTable;
  draft_edits: DraftEditsTable;
  template_adjustments: TemplateAdjustmentsTable;
  rapport_migrations: SchemaMigrationsTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Thread = Selectable<ThreadsTable>;
export type Message = Selectable<MessagesTable>;
export type Meeting = Selectable<MeetingsTable>;
export type Contact = Selectable<ContactsTable>;
export type Draft = Selectable<DraftsTable>;
export type Referral = Selectable<ReferralsTable>;
export type Digest = Selectable<DigestsTable>;
export type SyncState = Selectable<SyncStateTable>;
export type LinkedInConnection = Selectable<LinkedInConnectionsTable>;
export type ContactTouch = Selectable<ContactTouchesTable>;
