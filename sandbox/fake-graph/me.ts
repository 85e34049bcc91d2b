/**
 * GET /me as Graph v1.0 answers it: the user's default properties (businessPhones, displayName, givenName, jobTitle,
 * mail, mobilePhone, officeLocation, preferredLanguage, surname, userPrincipalName, id) with an @odata.context of
 * `$metadata#users/$entity`; with `$select`, only the selected properties and `$metadata#users(a,b)/$entity`.
 * Needs User.Read (or a broader scope).
 */
import type { User } from "@microsoft/microsoft-graph-types";
import { type RouteContext, type RouteResult, requireScope } from "./http.js";

export function meResource(ctx: RouteContext): RouteResult {
  requireScope(ctx, ["User.Read", "User.ReadBasic.All", "User.Read.All"]);
  const owner = ctx.state.owner;
  const words = owner.name.trim().split(/\s+/).filter(Boolean);
  const user: User = {
    businessPhones: [],
    displayName: owner.name,
    givenName: words.length > 1 ? (words[0] ?? null) : null,
    jobTitle: null,
    mail: owner.address,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: words.length > 1 ? words.slice(1).join(" ") : null,
    userPrincipalName: owner.address,
    id: "fake-user-id",
  };
  const select = (ctx.query.get("$select") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (select.length === 0) {
    return { status: 200, body: { "@odata.context": `${ctx.root}/$metadata#users/$entity`, ...user } };
  }
  const picked = Object.fromEntries(select.filter((k) => k in user).map((k) => [k, user[k as keyof User]]));
  return {
    status: 200,
    body: { "@odata.context": `${ctx.root}/$metadata#users(${select.join(",")})/$entity`, ...picked },
  };
}
