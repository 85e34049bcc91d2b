/**
 * The two fakes `npm run bench:fleet` can run a fleet against (bench/fleet-fakes.ts): the fake Google, multi-user
 * already, and the fake Graph in its multi-mailbox mode (one MICROSOFT_GRAPH_URL for every account, as in a
 * deployment). Each tells the counter who made every request and which requests open a mail sync round (so an account
 * synced twice in one run shows), and makes a reply arrive in an account's inbox on demand.
 */
import { startFakeGoogle } from "../sandbox/fake-google/server.js";
import { folderFromId } from "../sandbox/fake-graph/ids.js";
import { startFakeGraph } from "../sandbox/fake-graph/server.js";
import type { InterceptedRequest } from "../sandbox/intercept.js";
import type { SeedMailbox } from "../sandbox/seed.js";

/** Called for every API request: who asked ("?" when the token is not the fake's), and the sync round it opens. */
export type Tally = (who: string, round: string | null) => void;

export interface FleetFake {
  /** The account's address, display name, time zone and token pair, one per mailbox. */
  accounts: { address: string; name: string; timeZone: string; access_token: string; refresh_token?: string }[];
  /** The variables pointing Rapport at this fake. */
  env: Record<string, string>;
  /** A reply arrives in the first n accounts' inboxes (to a message each one sent): their addresses. */
  newMail(n: number): string[];
  close(): Promise<void>;
}

/** Tokens outlive the run, so no account refreshes inside one (a refresh would be counted as a provider call). */
const TOKEN_SECONDS = 24 * 3600;
const SOMEONE = { address: "someone@elsewhere.example", name: "Someone" };
const REPLY = "Thanks, talk soon.";

export async function startGoogleFleet(mailboxes: SeedMailbox[], tally: Tally): Promise<FleetFake> {
  const fake = await startFakeGoogle({
    mailboxes,
    quota: { unitsPerMinute: 15_000 },
    oauth: { accessTokenSeconds: TOKEN_SECONDS },
    intercept: (request) => {
      // A Gmail mail sync round reads history.list (one page for an account of the fleet's size).
      tally(fake.oauth.userFor(request.authorization) ?? "?", request.path.endsWith("/history") ? "history" : null);
      return undefined;
    },
  });
  return {
    accounts: mailboxes.map((m) => ({
      address: m.owner.address,
      name: m.owner.name,
      timeZone: m.timeZone,
      ...fake.issueTokens(m.owner.address),
    })),
    env: {
      GOOGLE_CLIENT_ID: fake.oauth.clientId,
      GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    },
    newMail: (n) => {
      const touched: string[] = [];
      for (const m of mailboxes.slice(0, n)) {
        const user = fake.user(m.owner.address);
        const sent = [...user.gmail.messages.values()].find((x) => x.labelIds.includes("SENT"));
        if (!sent) continue;
        user.addReply(sent.id, SOMEONE, REPLY);
        touched.push(m.owner.address);
      }
      return touched;
    },
    close: () => fake.close(),
  };
}

/**
 * Which sync round an Outlook request opens: the Inbox's delta with a delta token (a round's further pages carry a
 * skip token), or a change probe — a message list ordered by last modification — which may stand in for it when
 * nothing changed. Both are kept apart: a cycle with new mail makes one of each.
 */
function graphRound(request: InterceptedRequest): string | null {
  if (request.method !== "GET") return null;
  const segments = request.path.split("/").filter(Boolean).map(decodeURIComponent);
  const last = segments.at(-1);
  if (last === "delta" && segments.at(-4) === "mailFolders" && folderFromId(segments.at(-3) ?? "") === "inbox")
    return request.query.has("$deltatoken") || request.query.has("$deltaToken") ? "delta" : null;
  if (last === "messages" && request.query.has("$orderby")) return "probe";
  return null;
}

export async function startGraphFleet(mailboxes: SeedMailbox[], tally: Tally): Promise<FleetFake> {
  const [first, ...others] = mailboxes;
  if (!first) throw new Error("a fleet needs at least one mailbox");
  const fake = await startFakeGraph({
    mailbox: first,
    mailboxes: others,
    identity: { accessTokenTtlSeconds: TOKEN_SECONDS },
    intercept: (request) => {
      tally(fake.ownerFor(request.authorization) ?? "?", graphRound(request));
      return undefined;
    },
  });
  const identity = fake.state.identity;
  return {
    accounts: mailboxes.map((m) => ({
      address: m.owner.address,
      name: m.owner.name,
      timeZone: m.timeZone,
      ...fake.mailbox(m.owner.address).issueTokens(),
    })),
    env: {
      MICROSOFT_CLIENT_ID: identity.clientId,
      MICROSOFT_CLIENT_SECRET: identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    },
    newMail: (n) => {
      const touched: string[] = [];
      for (const m of mailboxes.slice(0, n)) {
        const state = fake.mailbox(m.owner.address);
        const [sent] = state.store.folderMessages("sentitems");
        if (!sent) continue;
        state.addReply(sent.internetMessageId, { from: SOMEONE, text: REPLY });
        touched.push(m.owner.address);
      }
      return touched;
    },
    close: () => fake.close(),
  };
}
