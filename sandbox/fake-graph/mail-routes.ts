/**
 * Message routes: get/list (with $filter), createReply, PATCH, DELETE, move, POST /me/messages (new draft)
 * and sendMail (recorded, never delivered). Drafts behave like Exchange's: createReply threads the draft in
 * the original's conversation and addresses the original's sender, even when that is the user (trap 13).
 */
import type { Message, Recipient } from "@microsoft/microsoft-graph-types";
import type { EmailAddress } from "../../src/domain/mail.js";
import {
  badRequest,
  GraphHttpError,
  notFound,
  queryString,
  type RouteContext,
  type RouteResult,
  requireScope,
} from "./http.js";
import { type FolderName, folderFromId, folderId } from "./ids.js";
import { type ODataError, parseExpand, parseMessageFilter, parseSelect } from "./odata.js";
import { renderMessage, textToHtml } from "./render.js";
import type { StoredMessage } from "./store.js";

const MAIL_READ = ["Mail.ReadWrite", "Mail.Read"];
const MAIL_WRITE = ["Mail.ReadWrite"];
let draftCounter = 0;

function renderOptions(ctx: RouteContext) {
  try {
    return {
      select: parseSelect(ctx.query.get("$select")),
      textBody: ctx.prefs.textBody,
      expandProperties: parseExpand(ctx.query.get("$expand")),
    };
  } catch (error) {
    throw badRequest((error as Error).message);
  }
}

function find(ctx: RouteContext, id: string): StoredMessage {
  const m = ctx.state.store.messages.get(id);
  if (!m) throw notFound();
  return m;
}

function address(r: Recipient | null | undefined): EmailAddress {
  const a = r?.emailAddress?.address;
  if (!a) throw badRequest("A recipient has no email address.", "ErrorInvalidRecipients");
  return { address: a, name: r?.emailAddress?.name ?? "" };
}

/** Applies writable properties; only isRead may change on a message that is not a draft. */
function applyPatch(m: StoredMessage, patch: Message): void {
  const draftOnly = [
    "subject",
    "body",
    "toRecipients",
    "ccRecipients",
    "bccRecipients",
    "internetMessageHeaders",
  ] as const;
  if (!m.isDraft && draftOnly.some((k) => patch[k] !== undefined)) {
    throw badRequest("This property can only be updated on a draft.", "ErrorInvalidPropertyUpdateSentMessage");
  }
  if (typeof patch.subject === "string") m.subject = patch.subject;
  if (patch.body?.content !== undefined && patch.body.content !== null) {
    m.body = { contentType: patch.body.contentType === "text" ? "text" : "html", content: patch.body.content };
  }
  if (patch.toRecipients) m.to = patch.toRecipients.map(address);
  if (patch.ccRecipients) m.cc = patch.ccRecipients.map(address);
  if (patch.bccRecipients) m.bcc = patch.bccRecipients.map(address);
  if (typeof patch.isRead === "boolean") m.isRead = patch.isRead;
  for (const p of patch.singleValueExtendedProperties ?? []) {
    if (!p.id || typeof p.value !== "string") throw badRequest("Extended properties need id and value.");
    m.extended.set(p.id, p.value);
  }
  for (const h of patch.internetMessageHeaders ?? []) {
    if (!h.name || !/^x-/i.test(h.name)) {
      throw badRequest("Custom internet message headers must start with 'x-' or 'X-'.", "InvalidInternetMessageHeader");
    }
    m.headers.push({ name: h.name, value: h.value ?? "" });
  }
}

function newDraft(ctx: RouteContext, fields: Partial<StoredMessage>): StoredMessage {
  const now = new Date();
  const owner = ctx.state.owner;
  const internetMessageId = `<fake-draft-${++draftCounter}.${now.getTime().toString(36)}@outlook.fake>`;
  return ctx.state.store.addMessage({
    folder: "drafts",
    conversationId: fields.conversationId ?? ctx.state.store.conversationFor(internetMessageId, []),
    internetMessageId,
    subject: fields.subject ?? "",
    from: owner,
    to: fields.to ?? [],
    cc: [],
    sentAt: now,
    receivedAt: now,
    isRead: true,
    isDraft: true,
    body: fields.body ?? { contentType: "html", content: "" },
    headers: fields.headers ?? [],
  });
}

/**
 * `$orderby` of a message list: the time it sorts on, newest first (Graph's default is receivedDateTime desc). Only
 * the descending orders Rapport asks for are understood; anything else is a 400, as an unsupported query is.
 */
function messageOrder(orderby: string | null): (m: StoredMessage) => number {
  const clause = (orderby ?? "receivedDateTime desc").trim().toLowerCase().replace(/\s+/g, " ");
  if (clause === "receiveddatetime desc") return (m) => m.receivedAt.getTime();
  if (clause === "lastmodifieddatetime desc") return (m) => m.lastModified.getTime();
  throw badRequest(`unsupported $orderby: ${orderby}`, "ErrorInvalidUrlQuery");
}

function list(ctx: RouteContext, folder: FolderName | null): RouteResult {
  requireScope(ctx, MAIL_READ);
  let predicate: (m: StoredMessage) => boolean;
  try {
    predicate = parseMessageFilter(ctx.query.get("$filter"));
  } catch (error) {
    throw badRequest((error as ODataError).message, "ErrorInvalidUrlQueryFilter");
  }
  const top = Math.min(Number(ctx.query.get("$top") ?? 10) || 10, 1000);
  const skip = Number(ctx.query.get("$skip") ?? 0) || 0;
  const newestFirst = messageOrder(ctx.query.get("$orderby"));
  const matches = [...ctx.state.store.messages.values()]
    .filter((m) => (folder === null || m.folder === folder) && predicate(m))
    .sort((a, b) => newestFirst(b) - newestFirst(a) || a.id.localeCompare(b.id));
  const options = renderOptions(ctx);
  const body: Record<string, unknown> = {
    "@odata.context": `${ctx.root}/$metadata#users('me')/messages`,
    value: matches.slice(skip, skip + top).map((m) => renderMessage(m, options)),
  };
  if (skip + top < matches.length) {
    const params: Record<string, string> = {};
    for (const [k, v] of ctx.query) params[k] = v;
    params["$skip"] = String(skip + top);
    const path = folder ? `/me/mailFolders/${folder}/messages` : "/me/messages";
    body["@odata.nextLink"] = `${ctx.root}${path}?${queryString(params)}`;
  }
  return { status: 200, body };
}

function createReply(ctx: RouteContext, original: StoredMessage): RouteResult {
  requireScope(ctx, MAIL_WRITE);
  const request = (ctx.body ?? {}) as { message?: Message; comment?: string };
  const quoted = `${request.comment ?? ""}\n\n________________________________\nFrom: ${original.from.name} <${original.from.address}>\nSent: ${original.sentAt.toUTCString()}\nSubject: ${original.subject}\n\n${original.body.contentType === "text" ? original.body.content : original.body.content.replace(/<[^>]+>/g, "")}`;
  const references = original.headers.find((h) => h.name.toLowerCase() === "references")?.value ?? "";
  const draft = newDraft(ctx, {
    conversationId: original.conversationId,
    subject: /^re:/i.test(original.subject) ? original.subject : `RE: ${original.subject}`,
    to: [original.from],
    body: { contentType: "html", content: textToHtml(quoted) },
    headers: [
      { name: "In-Reply-To", value: original.internetMessageId },
      { name: "References", value: `${references} ${original.internetMessageId}`.trim() },
    ],
  });
  if (request.message) applyPatch(draft, request.message);
  if (ctx.state.markReadOnReply && !original.isRead) {
    original.isRead = true;
    ctx.state.store.touch(original);
  }
  return { status: 201, body: renderMessage(draft, renderOptions(ctx)) };
}

function sendMail(ctx: RouteContext): RouteResult {
  requireScope(ctx, ["Mail.Send"]);
  const request = (ctx.body ?? {}) as { message?: Message; saveToSentItems?: boolean };
  if (!request.message?.toRecipients?.length)
    throw badRequest("At least one recipient is required.", "ErrorInvalidRecipients");
  request.message.toRecipients.map(address);
  const saveToSentItems = request.saveToSentItems !== false;
  ctx.state.sentMail.push({ message: request.message, saveToSentItems, at: new Date() });
  if (saveToSentItems) {
    const copy = newDraft(ctx, {});
    applyPatch(copy, request.message);
    copy.isDraft = false;
    ctx.state.store.move(copy, "sentitems");
  }
  return { status: 202 };
}

/** Routes under /me/messages and /me/mailFolders/{id}/messages (delta excluded) and /me/sendMail. */
export function mailRoute(ctx: RouteContext): RouteResult | null {
  const [first, second, third, fourth] = ctx.segments;
  const { method } = ctx;
  if (first === "sendMail" && method === "POST" && second === undefined) return sendMail(ctx);
  if (first === "mailFolders" && second !== undefined) {
    const folder = folderFromId(second);
    if (!folder) throw new GraphHttpError(404, "ErrorInvalidIdMalformed", "Id is malformed.");
    if (third === undefined && method === "GET") {
      requireScope(ctx, MAIL_READ);
      return { status: 200, body: { id: folderId(folder), displayName: folder, wellKnownName: folder } };
    }
    if (third === "messages" && fourth === undefined && method === "GET") return list(ctx, folder);
    return null;
  }
  if (first !== "messages") return null;
  if (second === undefined) {
    if (method === "GET") return list(ctx, null);
    if (method === "POST") {
      requireScope(ctx, MAIL_WRITE);
      const draft = newDraft(ctx, {});
      applyPatch(draft, (ctx.body ?? {}) as Message);
      return { status: 201, body: renderMessage(draft, renderOptions(ctx)) };
    }
    return null;
  }
  const message = find(ctx, second);
  if (third === undefined) {
    if (method === "GET") {
      requireScope(ctx, MAIL_READ);
      return { status: 200, body: renderMessage(message, renderOptions(ctx)) };
    }
    if (method === "PATCH") {
      requireScope(ctx, MAIL_WRITE);
      applyPatch(message, (ctx.body ?? {}) as Message);
      ctx.state.store.touch(message);
      return { status: 200, body: renderMessage(message, renderOptions(ctx)) };
    }
    if (method === "DELETE") {
      requireScope(ctx, MAIL_WRITE);
      ctx.state.store.hardDelete(message);
      return { status: 204 };
    }
    return null;
  }
  if (method === "POST" && (third === "createReply" || third === "createReplyAll")) return createReply(ctx, message);
  if (method === "POST" && third === "move") {
    requireScope(ctx, MAIL_WRITE);
    const destination = folderFromId(String((ctx.body as { destinationId?: string } | null)?.destinationId ?? ""));
    if (!destination) throw badRequest("Unknown destinationId.", "ErrorInvalidIdMalformed");
    ctx.state.store.move(message, destination);
    return { status: 201, body: renderMessage(message, renderOptions(ctx)) };
  }
  return null;
}
