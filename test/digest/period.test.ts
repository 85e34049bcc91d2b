import { describe, expect, it } from "vitest";
import { duePeriod, goalPeriodStart, nextSendTime, sendTime, weekStartKey } from "../../src/domain/digest-period.js";

const chicago = { timeZone: "America/Chicago", weekday: 1, time: "08:00" };

describe("digest period in the account's zone", () => {
  it("the week starts on the local Monday, not the server's", () => {
    // Sunday 22:00 in Chicago is already Monday in UTC.
    expect(weekStartKey(new Date("2026-03-09T03:00:00Z"), "America/Chicago")).toBe("2026-03-02");
    expect(weekStartKey(new Date("2026-03-09T03:00:00Z"), "UTC")).toBe("2026-03-09");
  });

  it("Monday 08:00 local holds across the DST change", () => {
    expect(sendTime("2026-03-02", chicago).toISOString()).toBe("2026-03-02T14:00:00.000Z"); // CST
    expect(sendTime("2026-03-09", chicago).toISOString()).toBe("2026-03-09T13:00:00.000Z"); // CDT
    expect(sendTime("2026-10-26", { ...chicago, timeZone: "Europe/Berlin" }).toISOString()).toBe(
      "2026-10-26T07:00:00.000Z",
    );
  });

  it("is due from the send time until the week ends", () => {
    expect(duePeriod(new Date("2026-03-09T12:59:00Z"), chicago)).toBeNull();
    expect(duePeriod(new Date("2026-03-09T13:00:00Z"), chicago)?.periodStart).toBe("2026-03-09");
    expect(duePeriod(new Date("2026-03-13T20:00:00Z"), chicago)?.periodStart).toBe("2026-03-09");
    expect(nextSendTime(new Date("2026-03-09T13:00:00Z"), chicago).toISOString()).toBe("2026-03-16T13:00:00.000Z");
  });

  it("honours another weekday and time (Sunday is the last day of the week)", () => {
    const sunday = { timeZone: "Asia/Tokyo", weekday: 0, time: "18:30" };
    expect(sendTime("2026-03-09", sunday).toISOString()).toBe("2026-03-15T09:30:00.000Z");
    expect(duePeriod(new Date("2026-03-14T09:30:00Z"), sunday)).toBeNull();
  });

  it("goal periods start on the local week, month or quarter", () => {
    const at = new Date("2026-05-20T12:00:00Z");
    expect(goalPeriodStart(at, "UTC", "quarter")).toBe("2026-04-01");
    expect(goalPeriodStart(at, "UTC", "month")).toBe("2026-05-01");
    expect(goalPeriodStart(at, "UTC", "week")).toBe("2026-05-18");
  });
});
