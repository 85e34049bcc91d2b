/**
 * Opaque identifiers shaped like Exchange's (url-safe base64 with "=" padding), so a client that forgets to
 * percent-encode an OData literal breaks against the fake as it would against Graph.
 */

export type FolderName = "inbox" | "sentitems" | "drafts" | "deleteditems" | "archive";

const FOLDER_NAMES: readonly FolderName[] = ["inbox", "sentitems", "drafts", "deleteditems", "archive"];

function opaque(prefix: string, text: string): string {
  // Like Exchange REST ids: url-safe alphabet ("-", "_") but with "=" padding kept.
  return prefix + Buffer.from(text).toString("base64").replaceAll("+", "-").replaceAll("/", "_");
}

export function folderId(name: FolderName): string {
  return opaque("AQMkADAwATMwMAItYzQ", `folder:${name}`);
}

export function messageId(n: number): string {
  return opaque("AAkALgAAAAAAHYQDEapmEc2byACqAC", `message/${n}+`);
}

export function eventId(n: number): string {
  return opaque("AAMkAGI2TG93AAA", `event/${n}+`);
}

export function conversationId(n: number): string {
  return opaque("AAQkAGI2TGNv", `conversation:${n}`);
}

export function folderFromId(idOrName: string): FolderName | null {
  const lower = idOrName.toLowerCase();
  for (const name of FOLDER_NAMES) {
    if (lower === name || idOrName === folderId(name)) return name;
  }
  return null;
}

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeToken<T>(token: string): T | null {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
}
