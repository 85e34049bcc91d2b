/**
 * Mail sync over per-folder delta queries (Inbox, then Sent Items). The cursor is ours: for each folder the
 * nextLink being followed (a checkpoint inside a backfill) or the deltaLink of the last finished round.
 * `@removed` entries are checked with one GET each: a message moved to another folder keeps its immutable
 * id and stays (relabelled); only a message that is gone or in Deleted Items/Junk becomes a deletion. An
 * expired delta state (410 / syncStateNotFound) restarts that folder alone; the page says so in `resync`.
 */
import type { Message } from "@microsoft/microsoft-graph-types";
import type { MailMessage } from "../../domain/mail.js";
import { type MailSyncPage, ProviderError, type SyncOptions } from "../../domain/provider-port.js";
import type { GraphSession } from "./graph-session.js";
import { FOLDER_LABELS, type MapContext, mapMessage, messageTime, SYNC_SELECT } from "./map-message.js";

const SYNCED_FOLDERS = ["inbox", "sentitems"] as const;
type SyncedFolder = (typeof SYNCED_FOLDERS)[number];

interface FolderCursor {
  /** nextLink of the round in progress. */
  next: string | null;
  /** deltaLink of the last completed round. */
  delta: string | null;
}

interface MailCursor {
  v: 1;
  folders: Record<SyncedFolder, FolderCursor>;
}

interface DeltaPage {
  value?: (Message & { "@removed"?: { reason?: string } })[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const GONE_LABELS = new Set<string>([FOLDER_LABELS.deleteditems, FOLDER_LABELS.junkemail, FOLDER_LABELS.drafts]);

function parseMailCursor(cursor: string | null): MailCursor {
  const empty: MailCursor = {
    v: 1,
    folders: { inbox: { next: null, delta: null }, sentitems: { next: null, delta: null } },
  };
  if (cursor === null) return empty;
  try {
    const parsed = JSON.parse(cursor) as MailCursor;
    if (parsed.v === 1 && parsed.folders?.inbox && parsed.folders?.sentitems) return parsed;
  } catch {
    // fall through
  }
  throw new ProviderError("cursor-expired", "unreadable Outlook mail cursor", { provider: "outlook" });
}

interface MailSyncDeps {
  session: GraphSession;
  mapContext: () => Promise<MapContext>;
  pageSize: number;
}

function initialLink(folder: SyncedFolder): string {
  return `/me/mailFolders/${folder}/messages/delta?$select=${SYNC_SELECT.join(",")}`;
}

/** Checks each removed id: still present elsewhere → upsert with its new label; gone → deletion. */
async function resolveRemovals(
  deps: MailSyncDeps,
  ids: string[],
  ctx: MapContext,
  signal: AbortSignal,
): Promise<{ upserts: MailMessage[]; deletions: string[] }> {
  const upserts: MailMessage[] = [];
  const deletions: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      try {
        const m = await deps.session.get<Message>(
          `/me/messages/${encodeURIComponent(id)}?$select=${SYNC_SELECT.join(",")}`,
          { signal },
        );
        const label = await deps.session.labelOf(m.parentFolderId);
        if (GONE_LABELS.has(label)) deletions.push(id);
        else upserts.push(mapMessage(m, { ...ctx, labelOf: () => label }));
      } catch (error) {
        if (error instanceof ProviderError && error.code === "not-found") deletions.push(id);
        else throw error;
      }
    }),
  );
  return { upserts, deletions };
}

export async function* syncMail(
  deps: MailSyncDeps,
  cursorText: string | null,
  options: SyncOptions,
): AsyncGenerator<MailSyncPage> {
  const cursor = parseMailCursor(cursorText);
  const since = options.since.getTime();
  const prefer = [`odata.maxpagesize=${deps.pageSize}`];
  const ctx = await deps.mapContext();
  for (const [index, folder] of SYNCED_FOLDERS.entries()) {
    const state = cursor.folders[folder];
    const label = FOLDER_LABELS[folder];
    let link = state.next ?? state.delta ?? initialLink(folder);
    let resync = false;
    for (;;) {
      options.signal.throwIfAborted();
      const before = deps.session.stats.requests;
      let page: DeltaPage;
      try {
        page = await deps.session.get<DeltaPage>(link, { prefer, signal: options.signal });
      } catch (error) {
        if (!(error instanceof ProviderError && error.code === "cursor-expired") || link === initialLink(folder)) {
          throw error;
        }
        // The folder's delta state is gone: start it over; upserts are idempotent, so no duplicates.
        link = initialLink(folder);
        state.next = null;
        state.delta = null;
        resync = true;
        continue;
      }
      const upserts: MailMessage[] = [];
      const removed: string[] = [];
      for (const item of page.value ?? []) {
        if (!item.id) continue;
        if (item["@removed"]) {
          removed.push(item.id);
          continue;
        }
        const time = messageTime(item);
        if (time !== null && time < since) continue;
        upserts.push(mapMessage(item, { ...ctx, labelOf: () => label }));
      }
      const resolved = await resolveRemovals(deps, removed, ctx, options.signal);
      for (const m of resolved.upserts) {
        const time = m.date?.getTime() ?? null;
        if (time === null || time >= since) upserts.push(m);
      }
      const next = page["@odata.nextLink"] ?? null;
      const delta = page["@odata.deltaLink"] ?? null;
      if (next === null && delta === null) {
        throw new ProviderError("temporary", "delta page without nextLink or deltaLink", { provider: "outlook" });
      }
      state.next = next;
      if (delta !== null) state.delta = delta;
      const lastFolder = index === SYNCED_FOLDERS.length - 1;
      const result: MailSyncPage = {
        upserts,
        deletions: resolved.deletions,
        cursor: JSON.stringify(cursor),
        done: next === null && lastFolder,
        cost: deps.session.stats.requests - before,
      };
      if (resync) {
        result.resync = [label];
        resync = false;
      }
      yield result;
      if (next === null) break;
      link = next;
    }
  }
}
