/**
 * Drafts and the digest. Drafts go up as JSON { message: { raw, threadId } } (media uploads would go to the
 * real Google host), carry the X-Rapport-Draft marker, and are threaded (threadId + In-Reply-To + References +
 * the thread's subject). A create whose answer was lost is looked up by its marker before it is retried.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import type { EmailAddress } from "../../domain/mail.js";
import { type DraftFate, type DraftRef, type DraftRequest, ProviderError } from "../../domain/provider-port.js";
import { composeDraft, composeToSelf, DRAFT_MARKER_HEADER } from "./compose.js";
import { type GmailSession, UNITS } from "./session.js";

function isNotFound(error: unknown): boolean {
  return error instanceof ProviderError && error.code === "not-found";
}

function headerOf(message: gmail_v1.Schema$Message | undefined, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message?.payload?.headers?.find((h) => h.name?.toLowerCase() === lower)?.value ?? undefined;
}

export async function createDraft(session: GmailSession, request: DraftRequest): Promise<DraftRef> {
  const composed = await composeDraft(request, session.now());
  const threadId = request.replyTo?.providerThreadId ?? undefined;
  return session.caller.call(
    async () => {
      const res = await session.apis.gmail.users.drafts.create({
        userId: "me",
        requestBody: { message: { raw: composed.raw, threadId } },
      });
      return {
        draftId: res.data.id ?? "",
        messageId: res.data.message?.id ?? null,
        threadId: res.data.message?.threadId ?? null,
        inReplyTo: composed.inReplyTo,
      };
    },
    {
      units: UNITS.draftsCreate,
      idempotent: false,
      recover: async () => (await findDraftByMarker(session, request.marker)) ?? undefined,
    },
  );
}

/** Scans the drafts folder for the marker header (drafts are few: one list page plus one metadata get each). */
export async function findDraftByMarker(session: GmailSession, marker: string): Promise<DraftRef | null> {
  let pageToken: string | undefined;
  do {
    const list = await session.caller.call(
      () => session.apis.gmail.users.drafts.list({ userId: "me", maxResults: 500, pageToken }),
      { units: UNITS.draftsList, idempotent: true },
    );
    const drafts = list.data.drafts ?? [];
    const found = await Promise.all(
      drafts.map(async (draft) => {
        const id = draft.message?.id;
        if (!id || !draft.id) return null;
        try {
          const res = await session.caller.call(
            () =>
              session.apis.gmail.users.messages.get({
                userId: "me",
                id,
                format: "metadata",
                metadataHeaders: [DRAFT_MARKER_HEADER, "In-Reply-To"],
              }),
            { units: UNITS.messagesGet, idempotent: true },
          );
          if (headerOf(res.data, DRAFT_MARKER_HEADER) !== marker) return null;
          const ref: DraftRef = {
            draftId: draft.id,
            messageId: id,
            threadId: res.data.threadId ?? null,
            inReplyTo: headerOf(res.data, "In-Reply-To") ?? null,
          };
          return ref;
        } catch (error) {
          if (isNotFound(error)) return null; // deleted between list and get
          throw error;
        }
      }),
    );
    const hit = found.find((r) => r !== null);
    if (hit) return hit;
    pageToken = list.data.nextPageToken ?? undefined;
  } while (pageToken);
  return null;
}

/**
 * Pending while the draft exists. Once it is gone: sent when its thread holds a message the user sent that
 * carries the marker, is the draft's own message, or answers the same message the draft answered (the web UI
 * re-composes on send: new message id, custom headers dropped); otherwise deleted. Without `ref.threadId` the
 * thread is found through the draft's message, which only works while that message id still exists.
 */
export async function draftFate(session: GmailSession, ref: DraftRef, marker: string): Promise<DraftFate> {
  try {
    await session.caller.call(
      () => session.apis.gmail.users.drafts.get({ userId: "me", id: ref.draftId, format: "minimal" }),
      { units: UNITS.draftsGet, idempotent: true },
    );
    return "pending";
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  let threadId = ref.threadId ?? null;
  let inReplyTo = ref.inReplyTo ?? null;
  if (!threadId && ref.messageId) {
    const own = await getOrNull(session, UNITS.messagesGet, () =>
      session.apis.gmail.users.messages.get({
        userId: "me",
        id: ref.messageId ?? "",
        format: "metadata",
        metadataHeaders: ["In-Reply-To"],
      }),
    );
    threadId = own?.threadId ?? null;
    inReplyTo ??= headerOf(own ?? undefined, "In-Reply-To") ?? null;
  }
  if (!threadId) return "deleted";
  const thread = await getOrNull(session, UNITS.threadsGet, () =>
    session.apis.gmail.users.threads.get({
      userId: "me",
      id: threadId,
      format: "metadata",
      metadataHeaders: [DRAFT_MARKER_HEADER, "In-Reply-To"],
    }),
  );
  const sent = (thread?.messages ?? []).some((m) => {
    const labels = m.labelIds ?? [];
    if (!labels.includes("SENT") || labels.includes("DRAFT")) return false;
    if (m.id === ref.messageId || headerOf(m, DRAFT_MARKER_HEADER) === marker) return true;
    return !!inReplyTo && (headerOf(m, "In-Reply-To") ?? "").includes(inReplyTo);
  });
  return sent ? "sent" : "deleted";
}

async function getOrNull<T>(session: GmailSession, units: number, run: () => Promise<{ data: T }>): Promise<T | null> {
  try {
    return (await session.caller.call(run, { units, idempotent: true })).data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** messages.send to the owner's own address; a send whose answer was lost is looked up before retrying. */
export async function sendToSelf(
  session: GmailSession,
  owner: EmailAddress,
  message: { subject: string; text: string; html: string },
): Promise<void> {
  const composed = await composeToSelf(owner, message, session.now());
  await session.caller.call(
    async () => {
      await session.apis.gmail.users.messages.send({ userId: "me", requestBody: { raw: composed.raw } });
      return true;
    },
    {
      units: UNITS.messagesSend,
      idempotent: false,
      recover: async () => {
        const found = await session.caller.call(
          () =>
            session.apis.gmail.users.messages.list({
              userId: "me",
              labelIds: ["SENT"],
              q: `rfc822msgid:${composed.messageId}`,
              maxResults: 1,
            }),
          { units: UNITS.messagesList, idempotent: true },
        );
        return (found.data.messages ?? []).length > 0 ? true : undefined;
      },
    },
  );
}
