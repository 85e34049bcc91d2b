/**
 * Login sessions of the web page (the admin token typed once), kept in the database so every replica behind a
 * proxy knows them. Only a SHA-256 of the session id is stored: a copy of the table opens no session.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

const hash = (id: string) => createHash("sha256").update(id).digest("base64url");

export async function storeSession(db: Kysely<Database>, id: string, now: Date, expiresAt: Date): Promise<void> {
  // Expired sessions go as new ones come: the table stays as small as the live sessions.
  await db.deleteFrom("web_sessions").where("expires_at", "<=", now).execute();
  await db
    .insertInto("web_sessions")
    .values({ id_hash: hash(id), created_at: now, expires_at: expiresAt })
    .execute();
}

export async function sessionValid(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom("web_sessions")
    .select("expires_at")
    .where("id_hash", "=", hash(id))
    .executeTakeFirst();
  return row !== undefined && row.expires_at.getTime() > now.getTime();
}

export async function dropSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("web_sessions").where("id_hash", "=", hash(id)).execute();
}
