import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTokens, saveTokens } from "../../src/app/token-store.js";
import { TokenCipher, TokenCipherError } from "../../src/crypto/token-cipher.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const key = randomBytes(32);
const tokens = {
  accessToken: "ya29.ACCESS-plaintext-marker",
  refreshToken: "1//REFRESH-plaintext-marker",
  expiresAt: 1_900_000_000_000,
  scope: "openid email",
};

it("seals and opens, and a tampered value fails authentication", () => {
  const cipher = new TokenCipher(key);
  const sealed = cipher.seal("secret");
  expect(sealed.startsWith("v1:")).toBe(true);
  expect(sealed).not.toContain("secret");
  expect(cipher.open(sealed)).toBe("secret");
  const parts = sealed.split(":");
  parts[4] = Buffer.from("tampered").toString("base64");
  expect(() => cipher.open(parts.join(":"))).toThrow(TokenCipherError);
});

it("refuses a value whose authentication tag was cut short (GCM accepts 4-byte tags unless told the length)", () => {
  const cipher = new TokenCipher(key);
  const parts = cipher.seal("secret").split(":");
  const tag = Buffer.from(parts[3] as string, "base64");
  for (const length of [4, 8, 12, 15]) {
    parts[3] = tag.subarray(0, length).toString("base64");
    expect(() => cipher.open(parts.join(":")), `${length}-byte tag`).toThrow(TokenCipherError);
  }
});

it("opens values sealed under a retired key after rotation and says when to re-seal", () => {
  const oldKey = randomBytes(32);
  const sealedOld = new TokenCipher(oldKey).seal("token");
  const rotated = new TokenCipher(key, [oldKey]);
  expect(rotated.open(sealedOld)).toBe("token");
  expect(rotated.needsRotation(sealedOld)).toBe(true);
  expect(rotated.needsRotation(rotated.seal("token"))).toBe(false);
  expect(() => new TokenCipher(key).open(sealedOld)).toThrow(
    /neither RAPPORT_SECRET_KEY nor in RAPPORT_SECRET_KEYS_OLD/,
  );
});

describeEachDatabase("tokens at rest", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());

  it("a dump of every table holds no plaintext token, and tokens round-trip", async () => {
    const cipher = new TokenCipher(key);
    const account = await upsertAccount(
      database.db,
      cipher,
      {
        provider: "gmail",
        address: "Seeker@Example.com",
        displayName: "Sam Seeker",
        timeZone: "Europe/Berlin",
        tokens,
      },
      new Date(),
    );
    expect(account.address).toBe("seeker@example.com");
    await saveTokens(
      database.db,
      cipher,
      account.id,
      {
        ...tokens,
        accessToken: "ya29.NEW-plaintext-marker",
        refreshToken: null,
      },
      new Date(),
    );
    const tables = [
      "accounts",
      "sync_state",
      "contacts",
      "threads",
      "messages",
      "meetings",
      "drafts",
      "digests",
    ] as const;
    let dump = "";
    for (const table of tables) {
      dump += JSON.stringify(await database.db.selectFrom(table).selectAll().execute());
    }
    expect(dump).toContain("seeker@example.com");
    expect(dump).not.toMatch(/plaintext-marker|ya29|1\/\//);
    const stored = await database.db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    // A refresh that returns no new refresh token keeps the old one.
    expect(openTokens(cipher, stored)).toEqual({ ...tokens, accessToken: "ya29.NEW-plaintext-marker" });
  });
});
