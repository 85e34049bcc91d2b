import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import type { CalendarEvent } from "../../../src/domain/mail.js";
import type { EventSyncPage, MailProvider } from "../../../src/domain/provider-port.js";
import { NOW, providerFor, syncOptions } from "./helpers.js";

const mailbox = generateMailbox({ seed: "calendar", size: 400, now: NOW });

class MirrorCalendar {
  readonly events = new Map<string, CalendarEvent>();
  cursor: string | null = null;
  resets = 0;
  apply(page: EventSyncPage): void {
    if (page.reset) {
      this.events.clear();
      this.resets++;
    }
    for (const e of page.upserts) this.events.set(e.providerId ?? "", e);
    for (const id of page.deletions) this.events.delete(id);
    this.cursor = page.cursor;
  }
  async sync(provider: MailProvider): Promise<void> {
    for await (const page of provider.syncEvents(this.cursor, syncOptions(365))) this.apply(page);
  }
}

describe("Google Calendar sync against the fake", () => {
  let fake: FakeGoogle;
  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox });
  });
  afterAll(() => fake.close());

  it("does a full sync of the window, then follows moves and cancellations with the sync token", async () => {
    const provider = providerFor(fake);
    const mirror = new MirrorCalendar();
    await mirror.sync(provider);
    const meeting = mailbox.truth.informational.find((t) => t.kind === "scheduled");
    const eventId = fake.state.eventIdOf(meeting?.meetingUid ?? "");
    const before = mirror.events.get(eventId);
    expect(before?.uid).toBe(meeting?.meetingUid);
    expect(before?.attendees.some((a) => a.self)).toBe(true);
    expect(mirror.events.size).toBe(
      fake.state.calendar.list({ showDeleted: true, timeMin: syncOptions(365).since, timeMax: syncOptions(365).until })
        .length,
    );

    const newStart = new Date((before?.start.getTime() ?? 0) + 86_400_000);
    fake.state.moveEvent(eventId, newStart, new Date(newStart.getTime() + 1_800_000));
    const other = [...mirror.events.values()].find((e) => e.providerId !== eventId && e.status === "confirmed");
    fake.state.cancelEvent(other?.providerId ?? "");
    await mirror.sync(provider);
    expect(mirror.events.get(eventId)?.start).toEqual(newStart);
    expect(mirror.events.get(other?.providerId ?? "")?.status).toBe("cancelled");
    expect(JSON.parse(mirror.cursor ?? "{}").stage).toBe("incremental");
  });

  it("restarts with a reset page when the sync token has expired (410)", async () => {
    const provider = providerFor(fake);
    const mirror = new MirrorCalendar();
    await mirror.sync(provider);
    const count = mirror.events.size;
    fake.state.expireSyncTokens();
    mirror.events.set("stale", { ...[...mirror.events.values()][0], providerId: "stale" } as CalendarEvent);
    await mirror.sync(provider);
    expect(mirror.resets).toBe(2);
    expect(mirror.events.has("stale")).toBe(false);
    expect(mirror.events.size).toBe(count);
  });

  it("reads the profile address, the primary calendar's time zone and the send-as name", async () => {
    const profile = await providerFor(fake).getProfile();
    expect(profile).toEqual({
      address: mailbox.owner.address,
      displayName: mailbox.owner.name,
      signature: "",
      timeZone: mailbox.timeZone,
    });
  });
});
