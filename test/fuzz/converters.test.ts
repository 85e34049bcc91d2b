/**
 * Inputs the fuzz found in the adapters' converters (test/fixtures/fuzz/providers, minimal reproductions written
 * for this test): times a provider should never send but a converter must not trust. Before the fixes each gave
 * an Invalid Date, which fails later when the row is written.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toCalendarEvent, toMailMessage } from "../../src/providers/gmail/convert.js";
import { mapEvent } from "../../src/providers/outlook/map-event.js";
import { mapMessage } from "../../src/providers/outlook/map-message.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/fuzz/providers");
const ME = new Set(["me@example.com"]);

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

describe("converters given unreadable times", () => {
  it("Gmail: an event whose start cannot be read is no event", () => {
    expect(toCalendarEvent(fixture("gmail-event-unreadable-times.json"))).toBeNull();
  });

  it("Gmail: a message with no readable Date header and an internalDate beyond what a Date holds has no date", () => {
    const m = toMailMessage(fixture("gmail-message-internaldate-huge.json"), ME);
    expect(m.date).toBeNull();
    expect(m.bodyText).toBe("Hello");
  });

  it("Graph: a message with an unreadable received time has no date, and recipients without addresses are dropped", () => {
    const m = mapMessage(fixture("graph-message-unreadable-date.json"), { ownAddresses: ME, labelOf: () => "INBOX" });
    expect(m.date).toBeNull();
    expect(m.to.map((a) => a.address)).toEqual(["me@example.com"]);
  });

  it("Graph: an exception whose original start cannot be read keeps its own times and no recurrence id", () => {
    const e = mapEvent(fixture("graph-event-original-start-garbage.json"), ME);
    expect(e?.start.toISOString()).toBe("2026-03-10T10:00:00.000Z");
    expect(e?.recurrenceId).toBeNull();
    expect(e?.attendees).toEqual([]);
  });
});
