/**
 * What a draft may say beyond names and dates, read from the database: the stored thread facts of this contact's
 * threads (merged, the thread the draft answers first), the user's name and signature, the introductions this
 * contact made and whether those conversations happened, and what happened since the last contact (conversations
 * held, a new role in the user's signature). Nothing here is guessed: what is unknown stays null.
 */
import { type Kysely, sql } from "kysely";
import type { Account, Contact, Database, Thread } from "../db/schema.js";
import type { DueKind } from "../domain/engine-types.js";
import { DRAFT_LANGUAGES, type DraftLanguage } from "../domain/fact-language.js";
import { parseThreadFacts, type ThreadFacts } from "../domain/thread-facts.js";
import type { DraftFacts } from "../templates/draft-context.js";
import { cleanName } from "../templates/wording.js";

interface StoredFacts {
  threadId: number;
  lastMessageAt: Date | null;
  facts: ThreadFacts;
}

/** Facts of the contact's informational threads, the given thread first, then newest first. */
export async function contactFacts(
  db: Kysely<Database>,
  account: Pick<Account, "id" | "thread_facts">,
  contact: Contact | null,
  thread: Thread | null,
): Promise<StoredFacts[]> {
  if (!account.thread_facts || (!contact && !thread)) return [];
  const rows = await db
    .selectFrom("threads")
    .select(["id", "facts", "last_message_at"])
    .where("account_id", "=", account.id)
    .where("facts", "is not", null)
    .where((eb) =>
      eb.or([...(thread ? [eb("id", "=", thread.id)] : []), ...(contact ? [eb("contact_id", "=", contact.id)] : [])]),
    )
    .orderBy("last_message_at", "desc")
    .execute();
  const stored = rows
    .map((r) => ({ threadId: r.id, lastMessageAt: r.last_message_at, facts: parseThreadFacts(r.facts) }))
    .filter((r): r is StoredFacts => r.facts !== null);
  return [...stored.filter((r) => r.threadId === thread?.id), ...stored.filter((r) => r.threadId !== thread?.id)];
}

/**
 * The user's name as a draft signs it and its From header carries: the settings page's; else the name on the
 * user's own mail in this thread (someone who writes as "Kenta Morishita" in English and "森下 健太" in Japanese
 * is answered the way they wrote); else the provider profile's; else the one on their latest sent mail.
 */
export async function senderName(db: Kysely<Database>, account: Account, thread: Thread | null): Promise<string> {
  if (account.sender_name.trim()) return account.sender_name.trim();
  const sentNames = async (threadId: number | null) =>
    (
      await db
        .selectFrom("messages")
        .select("from_name")
        .where("account_id", "=", account.id)
        .where("sent_by_user", "=", true)
        .where("from_name", "!=", "")
        .$if(threadId !== null, (q) => q.where("thread_id", "=", threadId as number))
        .orderBy("sent_at", "desc")
        .limit(20)
        .execute()
    )
      .map((m) => cleanName(m.from_name))
      .find((n): n is string => n !== null) ?? null;
  return (
    (thread ? await sentNames(thread.id) : null) ?? cleanName(account.display_name) ?? (await sentNames(null)) ?? ""
  );
}

/** The signature that ends drafts: the settings page's, else the provider's (Gmail send-as). */
export function senderSignature(account: Pick<Account, "signature" | "provider_signature">): string {
  return account.signature.trim() !== "" ? account.signature : account.provider_signature;
}

type Merged = Pick<
  DraftFacts,
  "language" | "formal" | "tu" | "ask" | "field" | "duration" | "askMedia" | "heldMedium" | "referredBy"
> & {
  greeting: string | null;
  signedName: string | null;
  organisation: string | null;
  closing: string | null;
  signedAs: string | null;
};

const FORMAL_BY_DEFAULT: ReadonlySet<DraftLanguage> = new Set(["de", "fr", "es", "ja", "zh", "ko"]);

/**
 * One set of facts for a draft to `address`: register, greeting and closing from the newest thread that has
 * them; what was asked from the thread the draft answers (for a check-in, from the conversation that started the
 * relationship, the oldest thread with an ask).
 */
export function mergeFacts(stored: readonly StoredFacts[], address: string, kind: DueKind): Merged {
  const all = stored.map((s) => s.facts);
  const pick = <T>(get: (f: ThreadFacts) => T | null | undefined): T | null => {
    for (const f of all) {
      const value = get(f);
      if (value !== null && value !== undefined) return value;
    }
    return null;
  };
  const found = pick((f) => f.language) ?? "en";
  const language = (DRAFT_LANGUAGES as readonly string[]).includes(found) ? (found as DraftLanguage) : "en";
  const sameLanguage = (f: ThreadFacts) => f.language === language || (f.language === null && language === "en");
  // phrases quoted from a thread in another language (Japanese, say) would not fit an English draft
  const usable = all.filter(sameLanguage);
  const asking =
    kind === "check_in" ? [...usable].reverse().find((f) => f.ask) : (usable.find((f) => f.ask) ?? usable[0]);
  const greeting = pick((f) => {
    const g = f.greetings[address];
    return g && (sameLanguage(f) || /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(g)) ? g : null;
  });
  return {
    language,
    formal: pick((f) => f.formal) ?? FORMAL_BY_DEFAULT.has(language),
    tu: all[0]?.tu ?? false,
    ask: asking?.ask ?? null,
    field: usable.find((f) => f.field)?.field ?? null,
    duration: asking?.duration ?? null,
    askMedia: asking?.askMedia ?? [],
    heldMedium: all[0]?.heldMedium ?? null,
    referredBy: pick((f) => f.referredBy),
    greeting,
    signedName: pick((f) => f.signedNames[address]),
    organisation: pick((f) => f.organisations[address]),
    closing: pick((f) => (sameLanguage(f) ? f.userClosing : null)),
    signedAs: pick((f) => f.userSignedAs),
  };
}

type IntroState = DraftFacts["introductions"][number]["state"];

/** The people this contact introduced the user to, and whether those conversations happened. */
export async function introductionsBy(
  db: Kysely<Database>,
  accountId: number,
  contact: Contact | null,
  now: Date,
): Promise<DraftFacts["introductions"]> {
  if (!contact) return [];
  const introduced = await db
    .selectFrom("contacts")
    .select(["id", "name", "address"])
    .where("account_id", "=", accountId)
    .where("referred_by_contact_id", "=", contact.id)
    .orderBy("id")
    .execute();
  const out: DraftFacts["introductions"] = [];
  for (const person of introduced) {
    const meetings = await db
      .selectFrom("meetings")
      .select(["start_at", "end_at"])
      .where("account_id", "=", accountId)
      .where("contact_id", "=", person.id)
      .where("status", "!=", "cancelled")
      .execute();
    const threads = await db
      .selectFrom("threads")
      .select("stage")
      .where("account_id", "=", accountId)
      .where("contact_id", "=", person.id)
      .execute();
    const stages = new Set(threads.map((t) => t.stage));
    let state: IntroState = "none";
    if (meetings.some((m) => m.end_at <= now) || ["met", "thanked", "in_touch"].some((s) => stages.has(s))) {
      state = "met";
    } else if (meetings.some((m) => m.start_at > now) || stages.has("meeting_scheduled")) state = "scheduled";
    else if (threads.length > 0) state = "contacted";
    out.push({ name: person.name || person.address, state });
  }
  return out;
}

/** Informational conversations the user asked for and held with other people since the last contact with this one. */
export async function conversationsSince(
  db: Kysely<Database>,
  accountId: number,
  contact: Contact | null,
  since: Date | null,
  now: Date,
): Promise<number> {
  if (!since) return 0;
  const row = await db
    .selectFrom("meetings")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("account_id", "=", accountId)
    .where("informational", "=", true)
    .where("status", "!=", "cancelled")
    .where("end_at", ">", since)
    .where("end_at", "<=", now)
    .where(sql<boolean>`assessment->>'direction' = 'seeker'`)
    .where((eb) => (contact ? eb.or([eb("contact_id", "is", null), eb("contact_id", "!=", contact.id)]) : eb.val(true)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The user's new role, when the role line of their signature changed since they last wrote to this contact: the
 * newest role written from the same address in threads of the same language differs from the one this contact saw,
 * and the old one was not used again after the new one first appeared (two signatures side by side, a work and a
 * personal one, are not a change).
 */
export async function newRoleSince(
  db: Kysely<Database>,
  account: Pick<Account, "id" | "thread_facts">,
  seen: readonly StoredFacts[],
): Promise<string | null> {
  const before = seen.map((s) => s.facts).find((f) => f.userRole);
  if (!account.thread_facts || !before?.userRole) return null;
  const rows = await db
    .selectFrom("threads")
    .select("facts")
    .where("account_id", "=", account.id)
    .where("facts", "is not", null)
    .execute();
  const roles = rows
    .map((r) => parseThreadFacts(r.facts))
    .filter((f): f is ThreadFacts => f !== null && f.userRole !== null && f.language === before.language)
    .filter((f) => f.userRole?.from === before.userRole?.from)
    .map((f) => ({ text: f.userRole?.text ?? "", at: f.userRole?.at ?? "" }))
    .sort((a, b) => a.at.localeCompare(b.at));
  const latest = roles[roles.length - 1];
  if (!latest || latest.text === before.userRole.text || latest.at <= before.userRole.at) return null;
  const firstNew = roles.find((r) => r.text === latest.text)?.at ?? latest.at;
  if (roles.some((r) => r.text === before.userRole?.text && r.at > firstNew)) return null;
  return latest.text;
}
