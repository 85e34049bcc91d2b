/** One assessed outreach from the account to Maria Lopez, sent Monday 2 March 2026 09:00 Chicago, unanswered. */
import type { Kysely } from "kysely";
import type { Account, Database } from "../../src/db/schema.js";
import type { ThreadAssessment } from "../../src/domain/engine-types.js";
import { seedThread } from "../drafting/seed.js";

export const SENT = new Date("2026-03-02T15:00:00Z");
export const MARIA = "contact1@northwind.example";

export async function seedOutreach(db: Kysely<Database>, account: Account): Promise<void> {
  const thread = await seedThread(db, account, { n: 1, sentAt: SENT, contactName: "Maria Lopez" });
  const assessment: ThreadAssessment = {
    informational: true,
    direction: "seeker",
    confidence: 0.9,
    category: "informational",
    reasons: ["test"],
    contacts: [MARIA],
    contactNames: { [MARIA]: "Maria Lopez" },
    declined: false,
    doNotContact: false,
    meetingCancelled: false,
    agreedMeetings: [],
    requestMessageId: thread.rootMessageId,
  };
  await db
    .updateTable("threads")
    .set({ assessment: JSON.stringify(assessment) })
    .where("id", "=", thread.threadId)
    .execute();
  await db
    .updateTable("contacts")
    .set({ stage: "outreach_sent", last_message_at: SENT })
    .where("id", "=", thread.contactId)
    .execute();
}
