/**
 * Delta queries: `mailFolders/{folder}/messages/delta` and `calendarView/delta`. A round pages through the
 * changes with sequence in (since, upto] using keyset skip tokens (no item is skipped when another changes
 * mid-round), then hands out a delta token remembering `upto`. Tokens carry the store's epoch: after
 * expireDeltaTokens() they answer 410 syncStateNotFound, with a Location to start over.
 */
import type { Event, Message } from "@microsoft/microsoft-graph-types";
import { badRequest, GraphHttpError, queryString, type RouteContext, type RouteResult, requireScope } from "./http.js";
import { decodeToken, encodeToken, type FolderName, folderFromId } from "./ids.js";
import { parseSelect } from "./odata.js";
import { renderEvent, renderMessage } from "./render.js";
import type { Change } from "./store.js";

interface RoundToken {
  /** Changes newer than this are in the round (0 = initial sync: live items only). */
  s: number;
  /** Keyset position: last sequence handed out. */
  a: number;
  /** The round's upper bound. */
  u: number;
  e: number;
  /** Position of the page before (for replayed pages). */
  p: number;
}

interface MailToken extends RoundToken {
  f: FolderName;
  sel: string | null;
}

interface CalendarToken extends RoundToken {
  st: string;
  et: string;
}

const DEFAULT_PAGE_SIZE = 10;

function expired(location: string): GraphHttpError {
  return new GraphHttpError(410, "syncStateNotFound", "The sync state could not be found; start a new sync.", {
    Location: location,
  });
}

/** Reads $skiptoken / $deltatoken into the round to serve, or null for an initial request. */
function resumeRound<T extends RoundToken>(ctx: RouteContext, restart: string): T | null {
  const skip = ctx.query.get("$skiptoken");
  const delta = ctx.query.get("$deltatoken") ?? ctx.query.get("$deltaToken");
  const raw = skip ?? delta;
  if (raw === null) return null;
  const token = decodeToken<T>(raw);
  if (!token || typeof token.s !== "number") throw badRequest("Invalid sync token.", "SyncStateInvalid");
  if (token.e !== ctx.state.store.deltaEpoch) throw expired(restart);
  if (skip !== null) {
    const replay = ctx.state.traffic.shouldReplay();
    return { ...token, a: replay ? token.p : token.a };
  }
  // A delta token starts a new round from where the last one ended.
  return { ...token, s: token.u, a: token.u, p: token.u, u: ctx.state.store.seq };
}

function pageSize(ctx: RouteContext): number {
  return Math.min(ctx.prefs.maxPageSize ?? DEFAULT_PAGE_SIZE, ctx.maxPageSize);
}

function link<T>(ctx: RouteContext, path: string, changes: Change<unknown>[], size: number, round: T & RoundToken) {
  const last = changes.at(size - 1);
  if (changes.length > size && last) {
    const next = { ...round, a: last.seq, p: round.a };
    return { "@odata.nextLink": `${ctx.root}${path}?${queryString({ $skiptoken: encodeToken(next) })}` };
  }
  const done = { ...round, a: round.u, p: round.u };
  return { "@odata.deltaLink": `${ctx.root}${path}?${queryString({ $deltatoken: encodeToken(done) })}` };
}

export function mailDelta(ctx: RouteContext, folderParam: string): RouteResult {
  requireScope(ctx, ["Mail.ReadWrite", "Mail.Read"]);
  const folder = folderFromId(folderParam);
  if (!folder) throw new GraphHttpError(404, "ErrorInvalidIdMalformed", "Id is malformed.");
  const path = `/me/mailFolders/${folder}/messages/delta`;
  const store = ctx.state.store;
  const round: MailToken = resumeRound<MailToken>(ctx, `${ctx.root}${path}`) ?? {
    f: folder,
    s: 0,
    a: 0,
    p: 0,
    u: store.seq,
    e: store.deltaEpoch,
    sel: ctx.query.get("$select"),
  };
  if (round.f !== folder) throw badRequest("The sync token belongs to another folder.", "SyncStateInvalid");
  const size = pageSize(ctx);
  const changes = store.folderChanges(folder, round.s, round.a, round.u, size + 1);
  const options = { select: parseSelect(round.sel), textBody: ctx.prefs.textBody, expandProperties: null };
  const value: Message[] = changes
    .slice(0, size)
    .map((c) =>
      "item" in c
        ? renderMessage(c.item, options)
        : ({ id: c.removedId, "@removed": { reason: "deleted" } } as Message),
    );
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.root}/$metadata#Collection(message)`,
      value,
      ...link(ctx, path, changes, size, round),
    },
  };
}

function overlaps(start: Date, end: Date, windowStart: Date, windowEnd: Date): boolean {
  return start < windowEnd && end > windowStart;
}

export function calendarDelta(ctx: RouteContext): RouteResult {
  requireScope(ctx, ["Calendars.Read", "Calendars.ReadWrite"]);
  const path = "/me/calendarView/delta";
  const store = ctx.state.store;
  let round = resumeRound<CalendarToken>(ctx, `${ctx.root}${path}`);
  if (!round) {
    const st = ctx.query.get("startDateTime");
    const et = ctx.query.get("endDateTime");
    if (!st || !et || Number.isNaN(Date.parse(st)) || Number.isNaN(Date.parse(et))) {
      throw badRequest("startDateTime and endDateTime are required.", "ErrorInvalidParameter");
    }
    round = { s: 0, a: 0, p: 0, u: store.seq, e: store.deltaEpoch, st, et };
  }
  const windowStart = new Date(round.st);
  const windowEnd = new Date(round.et);
  const size = pageSize(ctx);
  const value: Event[] = [];
  const taken: Change<unknown>[] = [];
  // Initial rounds skip events outside the window; later rounds report them as removed (as Graph does,
  // which is why removals may name events the client never saw).
  let after = round.a;
  while (taken.length <= size) {
    const batch = store.eventChanges(round.s, after, round.u, size + 1);
    if (batch.length === 0) break;
    for (const change of batch) {
      after = change.seq;
      if ("item" in change) {
        const inside = overlaps(change.item.event.start, change.item.event.end, windowStart, windowEnd);
        if (!inside && round.s === 0) continue;
        taken.push(change);
        if (taken.length <= size) {
          value.push(
            inside
              ? renderEvent(change.item, store.owner.address)
              : ({ id: change.item.id, "@removed": { reason: "deleted" } } as Event),
          );
        }
      } else {
        taken.push(change);
        if (taken.length <= size) value.push({ id: change.removedId, "@removed": { reason: "deleted" } } as Event);
      }
      if (taken.length > size) break;
    }
  }
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.root}/$metadata#Collection(event)`,
      value,
      ...link(ctx, path, taken, size, round),
    },
  };
}
