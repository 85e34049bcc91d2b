/**
 * Gmail's users.settings.sendAs.list and .get, as the published API answers them: every account has its primary
 * address among its send-as aliases (isPrimary, isDefault), with the display name Gmail puts in From headers and the
 * user's HTML signature (which Gmail adds only to mail composed in its web interface, never to API drafts). An
 * unknown alias is a 404 notFound. Read-only here: the fake's control API (FakeGoogleUser.setSendAs) changes them.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import type { Route } from "./gmail-routes.js";
import { notFound } from "./http-util.js";

const U = "/gmail/v1/users/([^/]+)";

export const settingsRoutes: Route[] = [
  {
    method: "GET",
    pattern: new RegExp(`^${U}/settings/sendAs$`),
    cost: "users.settings.sendAs.list",
    handle: async ({ user }): Promise<gmail_v1.Schema$ListSendAsResponse> => ({
      sendAs: user.sendAs.map((entry) => ({ ...entry })),
    }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^${U}/settings/sendAs/([^/]+)$`),
    cost: "users.settings.sendAs.get",
    handle: async ({ user, params }): Promise<gmail_v1.Schema$SendAs> => {
      const wanted = (params[1] ?? "").toLowerCase();
      const entry = user.sendAs.find((e) => e.sendAsEmail?.toLowerCase() === wanted);
      if (!entry) throw notFound();
      return { ...entry };
    },
  },
];
