/**
 * Drafts and the digest. A reply draft is made with createReply on the message it answers (Exchange threads
 * it), born carrying two hidden single-value extended properties: the worker's marker and a state
 * ("pending" until the body PATCH lands, then "complete"), so a crash at any step is recoverable by marker
 * without ever making a second draft. Recipients are always set explicitly (trap 13); an original that was
 * unread is made unread again, since replying may mark it read.
 */
import { randomUUID } from "node:crypto";
import type { Message } from "@microsoft/microsoft-graph-types";
import { type DraftFate, type DraftRef, type DraftRequest, ProviderError } from "../../domain/provider-port.js";
import { odataString } from "./graph-client.js";
import type { GraphSession } from "./graph-session.js";

const PROPERTY_SET = "{3f6a2c5e-9b1d-4e7a-8c40-5d2e1f7a9b63}";
export const MARKER_PROPERTY_ID = `String ${PROPERTY_SET} Name RapportDraftMarker`;
export const STATE_PROPERTY_ID = `String ${PROPERTY_SET} Name RapportDraftState`;

type DraftState = "pending" | "complete";

interface FoundDraft {
  ref: DraftRef;
  state: DraftState;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function textToHtml(text: string): string {
  return `<div>${escapeHtml(text).replaceAll("\n", "<br>")}</div>`;
}

/** Our text above the quoted original Exchange put in the reply draft. */
function composeReplyHtml(ours: string, exchangeBody: string | null | undefined): string {
  if (!exchangeBody) return ours;
  const bodyTag = /<body[^>]*>/i.exec(exchangeBody);
  if (!bodyTag) return `${ours}<br>${exchangeBody}`;
  const at = bodyTag.index + bodyTag[0].length;
  return `${exchangeBody.slice(0, at)}${ours}<br>${exchangeBody.slice(at)}`;
}

/** Cc and Bcc as Graph recipients, set only when the draft has them (a reply-all to an introduction). */
function copies(request: DraftRequest): Pick<Message, "ccRecipients" | "bccRecipients"> {
  const recipients = (list: DraftRequest["cc"]) =>
    (list ?? []).map((a) => ({ emailAddress: { address: a.address, name: a.name } }));
  return {
    ...(request.cc?.length ? { ccRecipients: recipients(request.cc) } : {}),
    ...(request.bcc?.length ? { bccRecipients: recipients(request.bcc) } : {}),
  };
}

function markerFilter(marker: string): string {
  return `singleValueExtendedProperties/any(ep:ep/id eq ${odataString(MARKER_PROPERTY_ID)} and ep/value eq ${odataString(marker)})`;
}

const EXPAND_STATE = `singleValueExtendedProperties($filter=id eq ${odataString(STATE_PROPERTY_ID)})`;

export class OutlookDrafts {
  constructor(
    private readonly session: GraphSession,
    private readonly ownerAddress: () => Promise<string>,
  ) {}

  async #findIn(folder: "drafts" | "sentitems", marker: string): Promise<FoundDraft | null> {
    const page = await this.session.get<{ value?: Message[] }>(
      `/me/mailFolders/${folder}/messages?$filter=${markerFilter(marker)}&$select=id,isDraft&$expand=${EXPAND_STATE}&$top=5`,
    );
    const found = page.value?.find((m) => m.id);
    if (!found?.id) return null;
    const state = found.singleValueExtendedProperties?.find(
      (p) => p.id?.toLowerCase() === STATE_PROPERTY_ID.toLowerCase(),
    );
    return {
      ref: { draftId: found.id, messageId: found.id },
      state: state?.value === "pending" ? "pending" : "complete",
    };
  }

  async findByMarker(marker: string): Promise<DraftRef | null> {
    return (await this.#findIn("drafts", marker))?.ref ?? null;
  }

  async create(request: DraftRequest): Promise<DraftRef> {
    const html = request.html ?? textToHtml(request.text);
    const to = [{ emailAddress: { address: request.to.address, name: request.to.name } }];
    const existing = await this.#findIn("drafts", request.marker);
    if (existing?.state === "complete") return existing.ref;
    if (existing) {
      // Crashed between createReply and the body PATCH: finish that draft instead of making another.
      await this.#complete(existing.ref.draftId, request, to, html, null);
      return existing.ref;
    }
    if (request.replyTo === null) {
      const draft = await this.session.post<Message>("/me/messages", {
        subject: request.subject,
        body: { contentType: "html", content: html },
        toRecipients: to,
        ...copies(request),
        singleValueExtendedProperties: [
          { id: MARKER_PROPERTY_ID, value: request.marker },
          { id: STATE_PROPERTY_ID, value: "complete" },
        ],
      });
      if (!draft.id) throw new ProviderError("permanent", "Graph returned a draft without id", { provider: "outlook" });
      return { draftId: draft.id, messageId: draft.id };
    }
    const originalPath = `/me/messages/${encodeURIComponent(request.replyTo.providerMessageId)}`;
    const original = await this.session.get<Message>(`${originalPath}?$select=id,isRead`);
    const draft = await this.session.post<Message>(`${originalPath}/createReply`, {
      message: {
        toRecipients: to,
        singleValueExtendedProperties: [
          { id: MARKER_PROPERTY_ID, value: request.marker },
          { id: STATE_PROPERTY_ID, value: "pending" },
        ],
      },
    });
    if (!draft.id)
      throw new ProviderError("permanent", "createReply returned a draft without id", { provider: "outlook" });
    await this.#complete(draft.id, request, to, html, draft.body?.contentType === "html" ? draft.body.content : null);
    if (original.isRead === false) await this.session.patch(originalPath, { isRead: false });
    return { draftId: draft.id, messageId: draft.id };
  }

  async #complete(
    draftId: string,
    request: DraftRequest,
    to: { emailAddress: { address: string; name: string } }[],
    html: string,
    exchangeBody: string | null | undefined,
  ): Promise<void> {
    await this.session.patch(`/me/messages/${encodeURIComponent(draftId)}`, {
      subject: request.subject,
      toRecipients: to,
      ...copies(request),
      body: { contentType: "html", content: composeReplyHtml(html, exchangeBody) },
      singleValueExtendedProperties: [{ id: STATE_PROPERTY_ID, value: "complete" }],
    });
  }

  /** pending: still a draft; sent: our marker is on a message in Sent Items; deleted: anything else. */
  async fate(ref: DraftRef, marker: string): Promise<DraftFate> {
    try {
      const m = await this.session.get<Message>(
        `/me/messages/${encodeURIComponent(ref.draftId)}?$select=id,isDraft,parentFolderId`,
      );
      const label = await this.session.labelOf(m.parentFolderId);
      if (m.isDraft && label === "DRAFT") return "pending";
      if (!m.isDraft && label === "SENT") return "sent";
      if (m.isDraft) return "deleted";
    } catch (error) {
      if (!(error instanceof ProviderError && error.code === "not-found")) throw error;
    }
    // Sending gives the message a new id in Sent Items; the extended properties travel with it.
    return (await this.#findIn("sentitems", marker)) ? "sent" : "deleted";
  }

  /**
   * The weekly digest, to the account owner only. Its copy stays in Sent Items carrying a one-off marker, as Gmail's
   * does in SENT: a send whose answer was lost is looked up there before it counts as failed, and the mail sync sees
   * it, so a crashed sender's digest is recognised as delivered (db/digest-ledger.ts wasDelivered) instead of being
   * sent twice.
   */
  async sendToSelf(message: { subject: string; text: string; html: string }): Promise<void> {
    const owner = await this.ownerAddress();
    const marker = `digest.${randomUUID()}`;
    try {
      await this.session.post("/me/sendMail", {
        message: {
          subject: message.subject,
          body: { contentType: "html", content: message.html || textToHtml(message.text) },
          toRecipients: [{ emailAddress: { address: owner } }],
          internetMessageHeaders: [{ name: "X-Rapport-Digest", value: "1" }],
          singleValueExtendedProperties: [{ id: MARKER_PROPERTY_ID, value: marker }],
        },
        saveToSentItems: true,
      });
    } catch (error) {
      // Refused up front (a 4xx, 429, 503): nothing was sent. Otherwise the send may have happened: look.
      const status = error instanceof ProviderError ? error.details.status : undefined;
      const unknown = status === undefined || (status >= 500 && status !== 503);
      if (!unknown || !(await this.#findIn("sentitems", marker))) throw error;
    }
  }
}
