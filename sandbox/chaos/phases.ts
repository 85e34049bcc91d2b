/**
 * Which step of a cycle a provider request belongs to, read from the request alone (method, path, query), so the
 * chaos suite can aim its kills at sync, assessment, drafting and the digest of either fake.
 */
import type { InterceptedRequest } from "../intercept.js";

export const PHASES = ["sync", "assessment", "drafting", "digest"] as const;
export type Phase = (typeof PHASES)[number];

export function gmailPhase(req: InterceptedRequest): Phase {
  const { method, path, query } = req;
  if (method === "POST" && path.endsWith("/messages/send")) return "digest";
  if (path.endsWith("/messages") && (query.get("q") ?? "").startsWith("rfc822msgid:")) return "digest";
  if (path.includes("/drafts")) return "drafting";
  if (/\/messages\/[^/]+$/.test(path) && query.getAll("metadataHeaders").includes("X-Rapport-Draft")) {
    return "drafting";
  }
  if (path.includes("/threads/") && query.getAll("metadataHeaders").includes("X-Rapport-Draft")) return "drafting";
  if (path.includes("/threads/") && query.get("format") === "full") return "assessment";
  return "sync";
}

export function graphPhase(req: InterceptedRequest): Phase {
  const { method, path, query } = req;
  if (method === "POST" && path.endsWith("/me/sendMail")) return "digest";
  if (path.includes("/mailFolders/drafts/messages") || path.includes("/mailFolders/sentitems/messages")) {
    return path.includes("/delta") ? "sync" : "drafting";
  }
  if (method !== "GET" && path.includes("/me/messages")) return "drafting";
  const select = query.get("$select") ?? "";
  if (method === "GET" && /\/me\/messages\/[^/]+$/.test(path) && /^id,(isDraft|isRead)/.test(select)) {
    return "drafting";
  }
  if (method === "GET" && path.endsWith("/me/messages") && (query.get("$filter") ?? "").startsWith("conversationId")) {
    return "assessment";
  }
  return "sync";
}
