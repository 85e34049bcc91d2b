/** The settings form: parse and validate what the browser sent, then store it on the account. */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Account, AccountUpdate, Database } from "../db/schema.js";
import { isValidTimeZone } from "../domain/index.js";

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const GOAL_PERIODS = ["week", "month", "quarter"] as const;

const schema = z.object({
  sender_name: z.string().trim().max(120, { message: "your name: at most 120 characters" }),
  signature: z.string().max(2000, { message: "signature: at most 2000 characters" }),
  resume_url: z
    .string()
    .trim()
    .refine((v) => v === "" || (/^https?:\/\//i.test(v) && URL.canParse(v)), {
      message: "résumé link: expected an http(s) address, e.g. https://example.com/cv.pdf",
    }),
  goal_conversations: z.coerce
    .number({ message: "goal: expected a whole number" })
    .int({ message: "goal: expected a whole number" })
    .min(0, { message: "goal: expected 0 or more" })
    .max(1000, { message: "goal: expected at most 1000" }),
  goal_period: z.enum(GOAL_PERIODS, { message: "goal period: expected week, month or quarter" }),
  digest_weekday: z.coerce.number().int().min(0).max(6, { message: "digest day: expected a weekday" }),
  digest_time: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: "digest time: expected HH:MM (24 h)" }),
  time_zone: z
    .string()
    .trim()
    .refine(isValidTimeZone, { message: "time zone: expected an IANA name such as Europe/London" }),
  paused: z.boolean(),
  thread_facts: z.boolean(),
});

type SettingsInput = z.infer<typeof schema>;

export function parseSettingsForm(
  form: URLSearchParams,
): { ok: true; value: SettingsInput } | { ok: false; error: string } {
  const parsed = schema.safeParse({
    sender_name: (form.get("sender_name") ?? "").replace(/[\r\n]+/g, " "),
    signature: (form.get("signature") ?? "").replace(/\r\n/g, "\n"),
    resume_url: form.get("resume_url") ?? "",
    goal_conversations: form.get("goal_conversations") ?? "",
    goal_period: form.get("goal_period") ?? "",
    digest_weekday: form.get("digest_weekday") ?? "",
    digest_time: form.get("digest_time") ?? "",
    time_zone: form.get("time_zone") ?? "",
    paused: form.get("paused") === "1",
    thread_facts: form.get("thread_facts") === "1",
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "invalid settings" };
  return { ok: true, value: parsed.data };
}

export async function saveSettings(
  db: Kysely<Database>,
  account: Account,
  input: SettingsInput,
  now: Date,
): Promise<void> {
  const update: AccountUpdate = {
    sender_name: input.sender_name,
    thread_facts: input.thread_facts,
    signature: input.signature,
    resume_url: input.resume_url === "" ? null : input.resume_url,
    goal_conversations: input.goal_conversations,
    goal_period: input.goal_period,
    digest_weekday: input.digest_weekday,
    digest_time: input.digest_time,
    time_zone: input.time_zone,
    updated_at: now,
  };
  // Pause toggles only between active and paused: an account that needs re-authorisation keeps saying so.
  if (input.paused && account.status === "active") update.status = "paused";
  if (!input.paused && account.status === "paused") update.status = "active";
  await db.transaction().execute(async (tx) => {
    // changes + 1: the time zone and what is read may change the lifecycle; the next cycle evaluates again.
    await tx
      .updateTable("accounts")
      .set((eb) => ({ ...update, changes: eb("changes", "+", 1) }))
      .where("id", "=", account.id)
      .execute();
    if (account.thread_facts && !input.thread_facts) {
      // off: what was derived is dropped at once, and drafts fall back to generic wording
      await tx.updateTable("threads").set({ facts: null }).where("account_id", "=", account.id).execute();
    } else if (!account.thread_facts && input.thread_facts) {
      // on again: informational threads are read once more to derive their facts
      await tx
        .updateTable("threads")
        .set({ needs_assessment: true })
        .where("account_id", "=", account.id)
        .where("informational", "=", true)
        .execute();
    }
  });
}

/** The account as the settings form shows it. */
export function settingsView(account: Account) {
  return {
    id: account.id,
    address: account.address,
    senderName: account.sender_name,
    nameFromProvider: account.display_name,
    threadFacts: account.thread_facts,
    signature: account.signature,
    providerSignature: account.provider_signature,
    resumeUrl: account.resume_url ?? "",
    goalConversations: account.goal_conversations,
    goalPeriod: account.goal_period,
    digestWeekday: account.digest_weekday,
    digestTime: account.digest_time,
    timeZone: account.time_zone,
    paused: account.status === "paused",
  };
}
