import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import type { DraftRequest, ReplyTarget } from "../../../src/domain/provider-port.js";
import { NOW, providerFor } from "./helpers.js";

const mailbox = generateMailbox({ seed: "drafts", size: 300, now: NOW });

describe("Gmail drafts and the digest against the fake", () => {
  let fake: FakeGoogle;
  let target: ReplyTarget;
  let contact: { name: string; address: string };
  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox });
    const info = mailbox.truth.informational.find((t) => t.kind === "thank-you-due");
    const last = [...fake.state.gmail.messages.values()]
      .filter((m) =>
        (m.headers.find((h) => h.name === "References")?.value ?? "").startsWith(info?.rootMessageId ?? "-"),
      )
      .at(-1);
    const header = (name: string) => last?.headers.find((h) => h.name === name)?.value ?? "";
    target = {
      providerMessageId: last?.id ?? "",
      providerThreadId: last?.threadId ?? null,
      messageId: header("Message-ID"),
      references: header("References").split(" "),
      subject: header("Subject"),
    };
    contact = info?.contact ?? { name: "", address: "" };
  });
  afterAll(() => fake.close());

  const request = (marker: string, overrides: Partial<DraftRequest> = {}): DraftRequest => ({
    replyTo: target,
    to: { name: "Zoë Müller-Ünal", address: contact.address },
    from: mailbox.owner,
    subject: "ignored for replies",
    text: "Thank you for the chat — the tip about portfolios was great.",
    marker,
    ...overrides,
  });

  it("creates a threaded draft with the marker, In-Reply-To, References and the thread's subject", async () => {
    const provider = providerFor(fake);
    const ref = await provider.createDraft(request("ledger-1"));
    const draft = fake.state.drafts().find((d) => d.draftId === ref.draftId);
    expect(draft?.message.threadId).toBe(target.providerThreadId);
    expect(draft?.message.labelIds).toEqual(["DRAFT"]);
    expect(draft?.header("X-Rapport-Draft")).toBe("ledger-1");
    expect(draft?.header("In-Reply-To")).toBe(target.messageId);
    expect(draft?.header("References")).toBe([...target.references, target.messageId].join(" "));
    expect(draft?.header("Subject")).toBe(target.subject);
    expect(draft?.header("To")).toBe(`Zoë Müller-Ünal <${contact.address}>`);
    const raw = (await draft?.raw()) ?? "";
    expect(raw).toMatch(/^To: =\?UTF-8\?/m); // the non-ASCII name went out as an encoded-word
    expect(ref.threadId).toBe(target.providerThreadId);
    expect(await provider.findDraftByMarker("ledger-1")).toEqual(ref);
    expect(await provider.findDraftByMarker("ledger-unknown")).toBeNull();
  });

  it("cannot be made to add headers by names or subjects read from mail", async () => {
    const provider = providerFor(fake);
    const evil = "Eve\r\nBcc: attacker@evil.example";
    const ref = await provider.createDraft(
      request("ledger-evil", {
        to: { name: evil, address: contact.address },
        replyTo: {
          ...target,
          subject: `${target.subject}\r\nBcc: attacker@evil.example`,
          references: ["<a@b>\r\nBcc: x@y"],
        },
      }),
    );
    const raw =
      (await fake.state
        .drafts()
        .find((d) => d.draftId === ref.draftId)
        ?.raw()) ?? "";
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(raw).not.toContain("attacker@evil.example>");
    await expect(
      provider.createDraft(request("ledger-x", { to: { name: "", address: "a@b.example\r\nBcc: c@d.example" } })),
    ).rejects.toMatchObject({
      code: "permanent",
    });
  });

  it("tells pending, sent (even without the marker) and deleted drafts apart", async () => {
    const provider = providerFor(fake);
    const kept = await provider.createDraft(request("fate-kept"));
    const sent = await provider.createDraft(request("fate-sent"));
    const gone = await provider.createDraft({ ...request("fate-gone"), replyTo: null, subject: "Hello" });
    expect(await provider.draftFate(kept, "fate-kept")).toBe("pending");
    fake.state.userSendsDraft(sent.draftId);
    fake.state.userDeletesDraft(gone.draftId);
    expect(await provider.draftFate(sent, "fate-sent")).toBe("sent");
    expect(await provider.draftFate(gone, "fate-gone")).toBe("deleted");
    // Sent through the API (the message keeps its id): found from the draft's message alone.
    const api = await provider.createDraft(request("fate-api"));
    fake.state.gmail.sendDraft(api.draftId);
    expect(await provider.draftFate({ draftId: api.draftId, messageId: api.messageId }, "fate-api")).toBe("sent");
  });

  it("recovers a draft whose create answer was lost instead of creating a second one", async () => {
    const provider = providerFor(fake);
    fake.faults.configure({ dropRate: 1 });
    const creating = provider.createDraft(request("ledger-dropped"));
    // The first attempt is processed, then cut off; let the retry's lookup through.
    await new Promise((r) => setTimeout(r, 20));
    fake.faults.configure({});
    const ref = await creating;
    const matching = fake.state.drafts().filter((d) => d.header("X-Rapport-Draft") === "ledger-dropped");
    expect(matching.map((d) => d.draftId)).toEqual([ref.draftId]);
    expect(provider.retries).toBeGreaterThan(0);
  });

  it("sends the digest to the account owner only", async () => {
    const provider = providerFor(fake);
    await provider.sendToSelf({ subject: "Your week — 3 conversations", text: "Hi", html: "<p>Hi</p>" });
    const sent = fake.state.sent().at(-1);
    const header = (name: string) => sent?.headers.find((h) => h.name?.toLowerCase() === name)?.value;
    expect(header("to")).toBe(`${mailbox.owner.name} <${mailbox.owner.address}>`);
    expect(header("subject")).toBe("Your week — 3 conversations");
    expect(header("cc")).toBeUndefined();
  });
});
