/**
 * The two fake providers behind one small interface, so the time-travel test can play the same story on Gmail and
 * on Outlook: mail arrives, events are added, the user sends or deletes a draft, Rapport's drafts and digests are
 * read back. The fakes stamp some things with the real time; the test's clock is put back on them here.
 */
import { randomBytes } from "node:crypto";
import PostalMime from "postal-mime";
import { header } from "../../sandbox/fake-google/message-format.js";
import { startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { startFakeGraph } from "../../sandbox/fake-graph/server.js";
import type { SeedMailbox, SeedMessage } from "../../sandbox/seed.js";
import type { Config } from "../../src/config.js";
import { makeConfig } from "../../src/config.js";
import type { CalendarEvent, EmailAddress } from "../../src/domain/mail.js";
import type { OAuthTokens } from "../../src/domain/provider-port.js";

export interface WorldDraft {
  id: string;
  to: string;
  subject: string;
  /** Provider thread (Gmail threadId, Graph conversationId). */
  thread: string;
}

/** A draft as the user would open it: every recipient line and the text. */
export interface WorldEnvelope extends WorldDraft {
  cc: string[];
  bcc: string[];
  text: string;
}

export interface MailWorld {
  provider: "gmail" | "outlook";
  config: Config;
  tokens(): OAuthTokens;
  deliver(seed: SeedMessage): void;
  addEvent(event: CalendarEvent): void;
  threadOf(rfcMessageId: string): string;
  drafts(): WorldDraft[];
  envelopes(): Promise<WorldEnvelope[]>;
  userSends(draftId: string, at: Date): void;
  userDeletes(draftId: string): void;
  digestSubjects(): string[];
  /** The user edits a draft, taking out the paragraph `cut` (exactly as drafted), and sends it. */
  userSendsWithout(draftId: string, at: Date, cut: string): void;
  close(): Promise<void>;
}

const secret = () => randomBytes(32).toString("hex");
const DIGEST = /^Your networking week/;

export async function gmailWorld(mailbox: SeedMailbox): Promise<MailWorld> {
  const fake = await startFakeGoogle({ mailbox, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
  const user = fake.state;
  return {
    provider: "gmail",
    config: makeConfig({
      RAPPORT_SECRET_KEY: secret(),
      GOOGLE_CLIENT_ID: fake.oauth.clientId,
      GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    }),
    tokens() {
      const issued = fake.issueTokens();
      return {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token ?? null,
        expiresAt: Date.now() + 3600_000,
        scope: issued.scope,
      };
    },
    deliver: (seed) => void user.gmail.addSeedMessage(seed),
    addEvent: (event) => void user.addEvent(event),
    threadOf: (rfc) => user.gmail.get(user.messageIdOf(rfc)).threadId,
    drafts: () =>
      user.drafts().map((d) => ({
        id: d.draftId,
        to: d.header("To") ?? "",
        subject: d.header("Subject") ?? "",
        thread: d.message.threadId,
      })),
    userSends(draftId, at) {
      const sent = user.userSendsDraft(draftId);
      sent.internalDate = at.getTime();
      sent.headers = sent.headers.map((h) =>
        h.name?.toLowerCase() === "date" ? { ...h, value: at.toUTCString() } : h,
      );
    },
    async envelopes() {
      const out: WorldEnvelope[] = [];
      for (const d of user.drafts()) {
        const email = await PostalMime.parse(await d.raw());
        const list = (a: { address?: string }[] | undefined) => (a ?? []).map((x) => (x.address ?? "").toLowerCase());
        out.push({
          id: d.draftId,
          to: list(email.to).join(", "),
          cc: list(email.cc),
          bcc: list(email.bcc),
          subject: email.subject ?? "",
          thread: d.message.threadId,
          text: email.text ?? "",
        });
      }
      return out;
    },
    userDeletes: (draftId) => user.userDeletesDraft(draftId),
    digestSubjects: () =>
      user
        .sent()
        .map((m) => header(m, "Subject") ?? "")
        .filter((s) => DIGEST.test(s)),
    userSendsWithout(draftId, at, cut) {
      const sent = user.userSendsDraft(draftId, (text) => without(text.replace(/\r\n/g, "\n"), `\n\n${cut}`));
      sent.internalDate = at.getTime();
      sent.headers = sent.headers.map((h) =>
        h.name?.toLowerCase() === "date" ? { ...h, value: at.toUTCString() } : h,
      );
    },
    close: () => fake.close(),
  };
}

export async function outlookWorld(mailbox: SeedMailbox): Promise<MailWorld> {
  const fake = await startFakeGraph({ mailbox });
  const state = fake.state;
  return {
    provider: "outlook",
    config: makeConfig({
      RAPPORT_SECRET_KEY: secret(),
      MICROSOFT_CLIENT_ID: state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    }),
    tokens() {
      const issued = state.issueTokens();
      return {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token ?? null,
        expiresAt: Date.now() + 3600_000,
        scope: issued.scope,
      };
    },
    deliver: (seed) => void state.deliver(seed),
    addEvent: (event) => void state.store.addEvent(event),
    threadOf: (rfc) => state.byInternetMessageId(rfc).conversationId,
    drafts: () =>
      state
        .drafts()
        .map((m) => ({ id: m.id, to: m.to[0]?.address ?? "", subject: m.subject, thread: m.conversationId })),
    userSends(draftId, at) {
      const sent = state.sendDraft(draftId);
      sent.sentAt = at;
      sent.receivedAt = at;
    },
    envelopes: async () =>
      state.drafts().map((m) => ({
        id: m.id,
        to: m.to.map((a) => a.address.toLowerCase()).join(", "),
        cc: m.cc.map((a) => a.address.toLowerCase()),
        bcc: (m.bcc ?? []).map((a) => a.address.toLowerCase()),
        subject: m.subject,
        thread: m.conversationId,
        text: m.body.content
          .replace(/<br\s*\/?>|<\/(div|p)>/gi, "\n")
          .replace(/<[^>]+>/g, "")
          .replace(/&#39;|&#x27;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&"),
      })),
    userDeletes: (draftId) => state.discardDraft(draftId),
    digestSubjects: () => state.sentMail.map((s) => s.message.subject ?? "").filter((s) => DIGEST.test(s)),
    userSendsWithout(draftId, at, cut) {
      const sent = state.sendDraft(draftId, (html) => without(html, `<br><br>${escapeHtml(cut)}`));
      sent.sentAt = at;
      sent.receivedAt = at;
    },
    close: () => fake.close(),
  };
}

function without(body: string, cut: string): string {
  if (!body.includes(cut)) throw new Error(`the draft has no paragraph ${JSON.stringify(cut.slice(0, 40))}`);
  return body.replace(cut, "");
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

export function message(
  from: EmailAddress,
  to: EmailAddress,
  date: string,
  subject: string,
  text: string,
  folder: "inbox" | "sent",
  id: string,
  replyTo: string | null = null,
  references: string[] = [],
): SeedMessage {
  return {
    messageId: id,
    inReplyTo: replyTo,
    references,
    from,
    to: [to],
    cc: [],
    subject,
    date: new Date(date),
    text,
    folder,
    headers: {},
    attachments: [],
    unread: folder === "inbox",
  };
}

export function meeting(
  uid: string,
  owner: EmailAddress,
  contact: EmailAddress,
  start: string,
  minutes: number,
): CalendarEvent {
  const begin = new Date(start);
  return {
    uid,
    providerId: null,
    summary: `${owner.name.split(" ")[0]} / ${contact.name.split(" ")[0]}: informational chat`,
    description: "Informational interview",
    location: "Video call",
    start: begin,
    end: new Date(begin.getTime() + minutes * 60_000),
    allDay: false,
    status: "confirmed",
    organizer: contact,
    attendees: [
      { ...contact, response: "accepted", organizer: true, self: false },
      { ...owner, response: "accepted", organizer: false, self: true },
    ],
    recurrenceId: null,
  };
}
