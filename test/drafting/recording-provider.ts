/**
 * A tiny MailProvider at the network edge of the port: it keeps drafts in memory, finds them by marker and lets a
 * test play the user (send or delete a draft). Stands in for the Gmail/Graph fakes in the ledger tests.
 */
import type {
  AccountProfile,
  DraftFate,
  DraftRef,
  DraftRequest,
  MailProvider,
} from "../../src/domain/provider-port.js";

export interface StoredDraft extends DraftRequest {
  draftId: string;
  fate: DraftFate;
}

export class RecordingProvider implements MailProvider {
  readonly kind = "gmail" as const;
  readonly drafts: StoredDraft[] = [];
  readonly sentToSelf: { subject: string; text: string; html: string }[] = [];
  createCalls = 0;
  /** Makes the next createDraft calls fail with this error (one per entry). */
  failures: Error[] = [];
  /** Makes the next sendToSelf calls fail with this error (one per entry). */
  sendFailures: Error[] = [];
  /** While set, createDraft and sendToSelf wait for it: a provider slower than any lease. */
  gate: Promise<void> | null = null;
  /** Calls waiting at the gate. */
  waiting = 0;

  /** Holds every createDraft and sendToSelf until the returned function is called. */
  hold(): () => void {
    let open!: () => void;
    this.gate = new Promise((resolve) => {
      open = resolve;
    });
    return () => {
      this.gate = null;
      open();
    };
  }

  private async pass(): Promise<void> {
    if (!this.gate) return;
    this.waiting++;
    await this.gate;
    this.waiting--;
  }

  async getProfile(): Promise<AccountProfile> {
    return { address: "alex@example.com", displayName: "Alex Kim", timeZone: "UTC" };
  }
  async *syncMail(): AsyncIterable<never> {}
  async *syncEvents(): AsyncIterable<never> {}
  async fetchThread(): Promise<never[]> {
    return [];
  }
  async createDraft(request: DraftRequest): Promise<DraftRef> {
    this.createCalls++;
    await this.pass();
    const failure = this.failures.shift();
    if (failure) throw failure;
    const draftId = `d${this.drafts.length + 1}`;
    this.drafts.push({ ...request, draftId, fate: "pending" });
    return { draftId, messageId: `m-${draftId}` };
  }
  async findDraftByMarker(marker: string): Promise<DraftRef | null> {
    const d = this.drafts.find((x) => x.marker === marker && x.fate !== "deleted");
    return d ? { draftId: d.draftId, messageId: `m-${d.draftId}` } : null;
  }
  async draftFate(ref: DraftRef): Promise<DraftFate> {
    return this.drafts.find((d) => d.draftId === ref.draftId)?.fate ?? "deleted";
  }
  async sendToSelf(message: { subject: string; text: string; html: string }): Promise<void> {
    await this.pass();
    const failure = this.sendFailures.shift();
    if (failure) throw failure;
    this.sentToSelf.push(message);
  }
  /** Plays the user: sends or deletes the draft. */
  settle(draftId: string, fate: "sent" | "deleted"): void {
    const d = this.drafts.find((x) => x.draftId === draftId);
    if (!d) throw new Error(`no draft ${draftId}`);
    d.fate = fate;
  }
}
