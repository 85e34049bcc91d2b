/**
 * What a cycle decides does not depend on the order it reads the threads in: a thread judged before one of its
 * counterparts became known (here: the Outlook backfill hands over the conversation the user wrote in first, and the
 * introduction naming the same person is read after the sync) is read again and judged knowing it — as `rapport
 * scan`'s second pass does. Through the real Outlook adapter and the fake Graph, on PGlite and Postgres.
 */
import { randomBytes } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import type { FakeGraph } from "../../sandbox/fake-graph/server.js";
import type { SeedMailbox, SeedMessage } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { ThreadAssessment } from "../../src/domain/index.js";
import { assessPendingThreads } from "../../src/jobs/assess-threads.js";
import { syncMail } from "../../src/jobs/sync.js";
import { silentLogger } from "../../src/logger.js";
import { SCENARIO_NOW as NOW, startFake } from "../providers/outlook/helpers.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const ME = { name: "Ana Brum", address: "ana@firm.example" };
const MARIANA = { name: "Mariana Kroeff", address: "mariana@firm.example" };
const AUGUSTO = { name: "Augusto Silveira", address: "augusto@firm.example" };

function message(id: string, from: typeof ME, to: (typeof ME)[], subject: string, daysAgo: number, text: string) {
  const replyTo = id.endsWith("2") ? `<${id.slice(0, -1)}1@firm.example>` : null;
  const seed: SeedMessage = {
    messageId: `<${id}@firm.example>`,
    inReplyTo: replyTo,
    references: replyTo ? [replyTo] : [],
    from,
    to,
    cc: [],
    subject,
    date: new Date(NOW.getTime() - daysAgo * 86_400_000),
    text,
    folder: from === ME ? "sent" : "inbox",
    headers: {},
    attachments: [],
    unread: false,
  };
  return seed;
}

const mailbox: SeedMailbox = {
  owner: ME,
  timeZone: "UTC",
  events: [],
  messages: [
    // Judged alone, a link sent to a colleague (the cheap path's); knowing the introduction, the user keeping in
    // touch with someone she was introduced to for a career conversation.
    message(
      "share1",
      ME,
      [MARIANA],
      "Saw this",
      7,
      "Mariana — https://compliance-weekly.example/from-litigation-to-compliance\n\nAna",
    ),
    // An introduction the user did not answer: read by the assessment, after the sync.
    message(
      "intro1",
      AUGUSTO,
      [ME, MARIANA],
      "Ana, meet Mariana",
      14,
      "Ana, Mariana,\n\nIntroducing you two: Mariana moved from litigation into compliance last year, and Ana is " +
        "thinking about the same move. You should have a coffee.\n\nAugusto",
    ),
  ],
};

describeEachDatabase("a second look at threads judged before a counterpart was known", (kind) => {
  let fake: FakeGraph | null = null;
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    await fake?.close();
  });

  async function backfill(handOver: boolean): Promise<Record<string, ThreadAssessment>> {
    fake = await startFake({ mailbox });
    database = await openTestDatabase(kind);
    const config = makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      MICROSOFT_CLIENT_ID: fake.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: fake.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    });
    const ctx = await createContext(config, { database, log: silentLogger(), clock: new ManualClock(NOW) });
    const issued = fake.state.issueTokens();
    const account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "outlook",
        address: ME.address,
        displayName: ME.name,
        timeZone: "UTC",
        tokens: {
          accessToken: issued.access_token,
          refreshToken: issued.refresh_token ?? null,
          expiresAt: Date.now() + 3600_000,
          scope: issued.scope,
        },
      },
      NOW,
    );
    const provider = ctx.providers(account);
    const mail = await syncMail(ctx, account, provider);
    expect(mail.assessed?.assessed).toBe(1); // the conversation the user wrote in, handed over by the sync
    await assessPendingThreads(ctx, account, provider, handOver ? mail.unsure : null);
    const rows = await ctx.db.selectFrom("threads").select(["subject", "assessment"]).execute();
    return Object.fromEntries(rows.map((r) => [r.subject, r.assessment as ThreadAssessment]));
  }

  it("judges the thread again once the introduction made its counterpart known", async () => {
    const judged = await backfill(true);
    expect(judged["Ana, meet Mariana"]?.informational).toBe(true);
    const shared = judged["Saw this"];
    expect(shared?.informational).toBe(true);
    expect(shared?.reasons.join(" ")).toContain("keeping in touch with mariana@firm.example");
  });

  it("without it, the first judgement would stand (the order the threads were read in would decide)", async () => {
    const judged = await backfill(false);
    expect(judged["Ana, meet Mariana"]?.informational).toBe(true);
    expect(judged["Saw this"]?.informational).toBe(false);
  });
});
