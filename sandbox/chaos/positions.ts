/**
 * Where a sync cursor stands, as a tuple that only ever grows while sync moves forward: the chaos suite compares a
 * cursor with what it was before each kill and counts any step back. Gmail: stage, then the list page and the
 * threads done on it (backfill), or the history id (incremental). Graph: per folder, the round's lower bound and the
 * position within it, read from the fake's own delta and skip tokens.
 */

type Position = bigint[];

function gmailPosition(cursor: Record<string, unknown>): Position {
  if (cursor.stage === "incremental") return [2n, BigInt(String(cursor.historyId ?? "0"))];
  const pageDone = Array.isArray(cursor.pageDone) ? cursor.pageDone.length : 0;
  return [1n, BigInt(Number(cursor.pageToken ?? 0) || 0), BigInt(pageDone)];
}

function tokenOf(link: string | null): { s: number; a: number; u: number } | null {
  if (!link) return null;
  const url = new URL(link, "http://x");
  const raw = url.searchParams.get("$skiptoken") ?? url.searchParams.get("$deltatoken");
  if (!raw) return null;
  try {
    return JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { s: number; a: number; u: number };
  } catch {
    return null;
  }
}

function graphPositions(cursor: Record<string, unknown>): Position[] {
  const folders = (cursor.folders ?? {}) as Record<string, { next: string | null; delta: string | null }>;
  return ["inbox", "sentitems"].map((name) => {
    const f = folders[name] ?? { next: null, delta: null };
    const next = tokenOf(f.next);
    const delta = tokenOf(f.delta);
    if (next) return [BigInt(next.s), BigInt(next.a)];
    if (delta) return [BigInt(delta.u), BigInt(delta.u)];
    return [0n, 0n];
  });
}

/**
 * The mail cursor's position, one tuple per part that moves on its own (Graph: per folder), or null for no cursor
 * yet.
 */
export function mailPosition(provider: "gmail" | "outlook", cursor: string | null): Position[] | null {
  if (cursor === null) return null;
  const parsed = JSON.parse(cursor) as Record<string, unknown>;
  return provider === "gmail" ? [gmailPosition(parsed)] : graphPositions(parsed);
}

function less(a: Position, b: Position): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if ((a[i] as bigint) !== (b[i] as bigint)) return (a[i] as bigint) < (b[i] as bigint);
  }
  return a.length < b.length;
}

/** Whether any part of `now` stands before where it stood in `before`. */
export function behind(now: Position[] | null, before: Position[] | null): boolean {
  if (before === null) return false;
  if (now === null) return true;
  return before.some((b, i) => less(now[i] ?? [], b));
}
