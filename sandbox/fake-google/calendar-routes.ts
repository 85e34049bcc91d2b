/** Google Calendar API v3 routes of the fake: calendars.get and events.list with paging and sync tokens. */
import type { calendar_v3 } from "@googleapis/calendar";
import type { Route } from "./gmail-routes.js";
import { badRequest, FakeHttpError, notFound } from "./http-util.js";

const C = "/calendar/v3/calendars/([^/]+)";
/** Parameters Google refuses together with a syncToken. */
const NOT_WITH_SYNC_TOKEN = [
  "iCalUID",
  "orderBy",
  "q",
  "timeMin",
  "timeMax",
  "updatedMin",
  "privateExtendedProperty",
  "sharedExtendedProperty",
];

interface PageState {
  /** Offset into the listing. */
  o: number;
  /** Change sequence the listing started from (incremental) and the token to hand out at its end. */
  from: number | null;
  snap: string;
}

const fullSyncRequired = () =>
  new FakeHttpError({
    status: 410,
    reason: "fullSyncRequired",
    message: "Sync token is no longer valid, a full sync is required.",
    statusText: "GONE",
  });

export const calendarRoutes: Route[] = [
  {
    method: "GET",
    pattern: new RegExp(`^${C}$`),
    cost: "calendar",
    handle: async ({ user, params }): Promise<calendar_v3.Schema$Calendar> => {
      if (params[0] !== "primary" && decodeURIComponent(params[0] ?? "") !== user.address) throw notFound("Not Found");
      return {
        kind: "calendar#calendar",
        id: user.address,
        summary: user.mailbox.owner.name,
        timeZone: user.calendar.timeZone,
      };
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${C}/events$`),
    cost: "calendar",
    handle: async ({ user, url, params }): Promise<calendar_v3.Schema$Events> => {
      if (params[0] !== "primary" && decodeURIComponent(params[0] ?? "") !== user.address) throw notFound("Not Found");
      const q = url.searchParams;
      const store = user.calendar;
      const syncToken = q.get("syncToken");
      if (syncToken && NOT_WITH_SYNC_TOKEN.some((p) => q.has(p)))
        throw badRequest("Sync token cannot be used with this filter.");
      let state: PageState;
      const pageToken = q.get("pageToken");
      if (pageToken) {
        state = JSON.parse(Buffer.from(pageToken, "base64url").toString()) as PageState;
        if (state.from !== null && store.readToken(state.snap) === null) throw fullSyncRequired();
      } else if (syncToken) {
        const from = store.readToken(syncToken);
        if (from === null) throw fullSyncRequired();
        state = { o: 0, from, snap: store.syncToken() };
      } else {
        state = { o: 0, from: null, snap: store.syncToken() };
      }
      const items =
        state.from !== null
          ? store.changedSince(state.from)
          : store.list({
              timeMin: q.has("timeMin") ? new Date(q.get("timeMin") ?? "") : undefined,
              timeMax: q.has("timeMax") ? new Date(q.get("timeMax") ?? "") : undefined,
              showDeleted: q.get("showDeleted") === "true",
            });
      const size = Math.min(Number(q.get("maxResults") ?? 250) || 250, 2500);
      const page = items.slice(state.o, state.o + size);
      const more = state.o + size < items.length;
      return {
        kind: "calendar#events",
        summary: user.address,
        timeZone: store.timeZone,
        items: page,
        ...(more
          ? { nextPageToken: Buffer.from(JSON.stringify({ ...state, o: state.o + size })).toString("base64url") }
          : { nextSyncToken: state.snap }),
      };
    },
  },
];
