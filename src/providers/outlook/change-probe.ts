/**
 * One request that tells whether anything in the mailbox changed since the last look: the newest few messages of
 * every folder by lastModifiedDateTime (Exchange stamps every change: arrival, move, read, flag, draft saved or
 * sent). Graph has no delta across mail folders, so an idle Outlook cycle would otherwise ask each synced folder's
 * delta link (two calls); with the probe it asks one, and the delta links only when the mark moved.
 *
 * The mark is a digest of the ids and stamps of those messages, so it needs no clock, ours or the server's: a
 * change anywhere puts a newer stamp at the top; a change committed with a stamp slightly older than the newest
 * still lands among the few newest; a message at the top deleted outright leaves them. What it cannot see is a
 * message further down deleted outright (no stamp moves), which is why the daily check reads the delta links
 * whatever the mark says (SyncOptions.full).
 */
import { createHash } from "node:crypto";
import type { Message } from "@microsoft/microsoft-graph-types";
import type { GraphSession } from "./graph-session.js";

/** How many of the newest changes the mark covers. */
const PROBE_SIZE = 10;

export const PROBE_PATH = `/me/messages?$select=id,lastModifiedDateTime&$orderby=lastModifiedDateTime%20desc&$top=${PROBE_SIZE}`;

/** The mailbox's change mark now (one request). */
export async function mailboxMark(session: GraphSession, signal: AbortSignal): Promise<string> {
  const page = await session.get<{ value?: Pick<Message, "id" | "lastModifiedDateTime">[] }>(PROBE_PATH, { signal });
  const seen = (page.value ?? []).map((m) => `${m.id ?? ""} ${m.lastModifiedDateTime ?? ""}`);
  return createHash("sha1").update(seen.join("\n")).digest("base64");
}
