/** Gmail API v1 routes of the fake, answering with the googleapis schema types. */
import type { gmail_v1 } from "@googleapis/gmail";
import type { FakeGoogleUser } from "./fake-user.js";
import { SYSTEM_LABELS } from "./gmail-store.js";
import { badRequest, notFound } from "./http-util.js";
import { type MessageFormat, renderMessage, type StoredMessage } from "./message-format.js";
import { matchesQuery, parseQuery } from "./query.js";
import type { GmailMethod } from "./quota.js";

interface RouteContext {
  user: FakeGoogleUser;
  url: URL;
  params: string[];
  body: () => Promise<Record<string, unknown>>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** What the request is charged as. */
  cost: GmailMethod | "calendar";
  handle(ctx: RouteContext): Promise<unknown>;
}

const U = "/gmail/v1/users/([^/]+)";
const ID = "([^/]+)";

function pageOf<T>(items: T[], url: URL, defaultSize: number, maxSize: number): { page: T[]; next?: string } {
  const size = Math.min(Number(url.searchParams.get("maxResults") ?? defaultSize) || defaultSize, maxSize);
  const offset = Number(url.searchParams.get("pageToken") ?? 0) || 0;
  const page = items.slice(offset, offset + size);
  return offset + size < items.length ? { page, next: String(offset + size) } : { page };
}

function formatOf(url: URL, fallback: MessageFormat = "full"): MessageFormat {
  const format = url.searchParams.get("format") ?? fallback;
  if (!["minimal", "metadata", "full", "raw"].includes(format)) throw badRequest(`Invalid format: ${format}`);
  return format as MessageFormat;
}

function rawMessageOf(body: Record<string, unknown>): { raw: string; threadId: string | null } {
  const message = (body.message ?? body) as { raw?: unknown; threadId?: unknown };
  if (typeof message.raw !== "string")
    throw badRequest("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
  return { raw: message.raw, threadId: typeof message.threadId === "string" ? message.threadId : null };
}

const draftOf = (draftId: string, m: StoredMessage): gmail_v1.Schema$Draft => ({
  id: draftId,
  message: { id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] },
});

export const gmailRoutes: Route[] = [
  {
    method: "GET",
    pattern: new RegExp(`^${U}/profile$`),
    cost: "users.getProfile",
    handle: async ({ user }): Promise<gmail_v1.Schema$Profile> => ({
      emailAddress: user.address,
      messagesTotal: user.gmail.messages.size,
      threadsTotal: user.gmail.threads.size,
      historyId: String(user.gmail.historyId),
    }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/labels$`),
    cost: "users.labels.list",
    handle: async (): Promise<gmail_v1.Schema$ListLabelsResponse> => ({
      labels: SYSTEM_LABELS.map((id) => ({ id, name: id, type: "system" })),
    }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/messages$`),
    cost: "users.messages.list",
    handle: async ({ user, url }): Promise<gmail_v1.Schema$ListMessagesResponse> => {
      const labelIds = url.searchParams.getAll("labelIds");
      const query = parseQuery(url.searchParams.get("q") ?? "");
      const spamTrash = url.searchParams.get("includeSpamTrash") === "true";
      const matches = user.gmail
        .newestFirst()
        .filter(
          (m) =>
            labelIds.every((l) => m.labelIds.includes(l)) &&
            (spamTrash || query.wantsTrash || !m.labelIds.some((l) => l === "SPAM" || l === "TRASH")) &&
            matchesQuery(m, query),
        );
      const { page, next } = pageOf(matches, url, 100, 500);
      return {
        messages: page.map((m) => ({ id: m.id, threadId: m.threadId })),
        ...(next ? { nextPageToken: next } : {}),
        resultSizeEstimate: matches.length,
      };
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^${U}/messages/send$`),
    cost: "users.messages.send",
    handle: async ({ user, body }): Promise<gmail_v1.Schema$Message> => {
      const { raw, threadId } = rawMessageOf(await body());
      const message = await user.gmail.upload(raw, threadId, ["SENT"]);
      user.gmail.sentLog.push(message.id);
      return { id: message.id, threadId: message.threadId, labelIds: message.labelIds };
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/messages/${ID}$`),
    cost: "users.messages.get",
    handle: async ({ user, url, params }) =>
      renderMessage(user.gmail.get(params[1] ?? ""), formatOf(url), url.searchParams.getAll("metadataHeaders")),
  },
  {
    method: "POST",
    pattern: new RegExp(`^${U}/messages/${ID}/trash$`),
    cost: "users.messages.trash",
    handle: async ({ user, params }) => {
      user.trashMessage(params[1] ?? "");
      return renderMessage(user.gmail.get(params[1] ?? ""), "minimal");
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/threads/${ID}$`),
    cost: "users.threads.get",
    handle: async ({ user, url, params }): Promise<gmail_v1.Schema$Thread> => {
      const members = user.gmail.threadMessages(params[1] ?? "");
      const format = formatOf(url);
      if (format === "raw") throw badRequest("Invalid format: raw");
      const headers = url.searchParams.getAll("metadataHeaders");
      const messages = await Promise.all(members.map((m) => renderMessage(m, format, headers)));
      const historyId = Math.max(...members.map((m) => m.historyId));
      return { id: params[1], historyId: String(historyId), snippet: messages.at(-1)?.snippet ?? "", messages };
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/history$`),
    cost: "users.history.list",
    handle: async ({ user, url }): Promise<gmail_v1.Schema$ListHistoryResponse> => {
      const start = Number(url.searchParams.get("startHistoryId"));
      if (!Number.isFinite(start) || start <= 0) throw badRequest("Invalid startHistoryId");
      const records = user.gmail.historySince(start);
      if (!records) throw notFound();
      const types = new Set(url.searchParams.getAll("historyTypes"));
      const labelId = url.searchParams.get("labelId");
      const wanted = records.filter(
        (r) => (types.size === 0 || types.has(r.kind)) && (!labelId || r.labelIds.includes(labelId)),
      );
      const { page, next } = pageOf(wanted, url, 100, 500);
      const history = page.map((r): gmail_v1.Schema$History => {
        const message = { id: r.messageId, threadId: r.threadId, labelIds: r.labelIds };
        const entry: gmail_v1.Schema$History = {
          id: String(r.id),
          messages: [{ id: r.messageId, threadId: r.threadId }],
        };
        if (r.kind === "messageAdded") entry.messagesAdded = [{ message }];
        if (r.kind === "messageDeleted") entry.messagesDeleted = [{ message }];
        if (r.kind === "labelAdded") entry.labelsAdded = [{ message, labelIds: r.changed }];
        if (r.kind === "labelRemoved") entry.labelsRemoved = [{ message, labelIds: r.changed }];
        return entry;
      });
      return { history, historyId: String(user.gmail.historyId), ...(next ? { nextPageToken: next } : {}) };
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/drafts$`),
    cost: "users.drafts.list",
    handle: async ({ user, url }): Promise<gmail_v1.Schema$ListDraftsResponse> => {
      const all = [...user.gmail.drafts].map(([draftId, id]) => draftOf(draftId, user.gmail.get(id)));
      const { page, next } = pageOf(all, url, 100, 500);
      return { drafts: page, resultSizeEstimate: all.length, ...(next ? { nextPageToken: next } : {}) };
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^${U}/drafts$`),
    cost: "users.drafts.create",
    handle: async ({ user, body }) => {
      const { raw, threadId } = rawMessageOf(await body());
      const message = await user.gmail.upload(raw, threadId, ["DRAFT"]);
      return draftOf(user.gmail.createDraft(message), message);
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^${U}/drafts/send$`),
    cost: "users.drafts.send",
    handle: async ({ user, body }) => {
      const id = (await body()).id;
      if (typeof id !== "string") throw badRequest("Missing draft id");
      const message = user.gmail.sendDraft(id);
      return { id: message.id, threadId: message.threadId, labelIds: message.labelIds };
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/drafts/${ID}$`),
    cost: "users.drafts.get",
    handle: async ({ user, url, params }): Promise<gmail_v1.Schema$Draft> => {
      const draftId = params[1] ?? "";
      const message = user.gmail.draftMessage(draftId);
      return { id: draftId, message: await renderMessage(message, formatOf(url)) };
    },
  },
  {
    method: "PUT",
    pattern: new RegExp(`^${U}/drafts/${ID}$`),
    cost: "users.drafts.update",
    handle: async ({ user, params, body }) => {
      const draftId = params[1] ?? "";
      const old = user.gmail.draftMessage(draftId);
      const { raw, threadId } = rawMessageOf(await body());
      const message = await user.gmail.upload(raw, threadId, ["DRAFT"]);
      user.gmail.deleteMessage(old.id);
      user.gmail.drafts.set(draftId, message.id);
      return draftOf(draftId, message);
    },
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${U}/drafts/${ID}$`),
    cost: "users.drafts.delete",
    handle: async ({ user, params }) => {
      user.gmail.deleteMessage(user.gmail.draftMessage(params[1] ?? "").id);
      return undefined;
    },
  },
];
