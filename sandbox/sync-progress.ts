/**
 * Shows mail sync progress for any adapter: wraps a MailProvider so each page it yields moves a progress bar
 * (progress.ts: a bar on a terminal, plain lines otherwise). Everything else passes straight through, so the
 * sync code stays unaware of terminals. The demo wraps the real provider factory with it.
 */
import type { MailProvider } from "../src/domain/provider-port.js";
import type { Progress } from "./progress.js";

export function withSyncProgress(provider: MailProvider, progress: () => Progress): MailProvider {
  return {
    kind: provider.kind,
    getProfile: () => provider.getProfile(),
    syncMail: async function* (cursor, options) {
      const bar = progress();
      let seen = 0;
      for await (const page of provider.syncMail(cursor, options)) {
        seen += page.upserts.length;
        if (page.done) bar.finish(`${seen} message(s)`);
        else bar.update(seen);
        yield page;
      }
    },
    syncEvents: (cursor, options) => provider.syncEvents(cursor, options),
    fetchThread: (id) => provider.fetchThread(id),
    createDraft: (request) => provider.createDraft(request),
    findDraftByMarker: (marker) => provider.findDraftByMarker(marker),
    draftFate: (ref, marker) => provider.draftFate(ref, marker),
    sendToSelf: (message) => provider.sendToSelf(message),
  };
}
