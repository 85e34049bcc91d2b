import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysElapsed } from "../../src/domain/business-days.js";
import { addLocalDays, fromLocal, toLocal } from "../../src/domain/time-zone.js";

const cal = (timeZone: string, holidays: string[] = []) => ({ timeZone, holidays });

describe("business days in the user's time zone", () => {
  it("counts Monday to Friday and keeps the local wall-clock time", () => {
    // Mon 6 Apr 2026 08:41 Chicago -> 7 business days later is Wed 15 Apr 08:41
    const start = new Date("2026-04-06T13:41:00Z");
    expect(addBusinessDays(start, 7, cal("America/Chicago")).toISOString()).toBe("2026-04-15T13:41:00.000Z");
  });

  it("6 vs 7 business days at the edge", () => {
    const start = new Date("2026-04-07T21:05:00Z"); // Tue 16:05 CDT
    const c = cal("America/Chicago");
    expect(businessDaysElapsed(start, new Date("2026-04-15T17:30:00Z"), c)).toBe(5);
    expect(businessDaysElapsed(start, new Date("2026-04-16T21:04:59Z"), c)).toBe(6);
    expect(businessDaysElapsed(start, new Date("2026-04-16T21:05:00Z"), c)).toBe(7);
  });

  it("crosses the spring DST change without losing an hour (Europe/Berlin)", () => {
    // Thu 19 Mar 2026 10:30 CET (09:30Z) + 7 business days = Mon 30 Mar 10:30 CEST (08:30Z)
    const due = addBusinessDays(new Date("2026-03-19T09:30:00Z"), 7, cal("Europe/Berlin"));
    expect(due.toISOString()).toBe("2026-03-30T08:30:00.000Z");
    expect(toLocal(due, "Europe/Berlin").hour).toBe(10);
  });

  it("crosses the autumn DST change (Europe/London) and the Southern-hemisphere one (Australia/Sydney)", () => {
    // Mon 26 Oct 2026 08:05 GMT + 7 business days = Wed 4 Nov 08:05 GMT
    expect(addBusinessDays(new Date("2026-10-26T08:05:00Z"), 7, cal("Europe/London")).toISOString()).toBe(
      "2026-11-04T08:05:00.000Z",
    );
    // Fri 2 Oct 2026 09:00 AEST (23:00Z prev day) + 1 business day = Mon 5 Oct 09:00 AEDT (22:00Z prev day)
    expect(addBusinessDays(new Date("2026-10-01T23:00:00Z"), 1, cal("Australia/Sydney")).toISOString()).toBe(
      "2026-10-04T22:00:00.000Z",
    );
  });

  it("judges the weekday in the user's zone, not in UTC", () => {
    // Wed 19 Aug 09:15 in Sydney is still Tuesday in UTC
    const start = new Date("2026-08-06T23:00:00Z"); // Fri 7 Aug 09:00 AEST
    expect(businessDaysElapsed(start, new Date("2026-08-18T23:15:00Z"), cal("Australia/Sydney"))).toBe(8);
  });

  it("a weekend start counts from Monday 00:00; holidays are skipped", () => {
    const sat = new Date("2026-04-11T15:00:00Z");
    expect(addBusinessDays(sat, 1, cal("America/Chicago")).toISOString()).toBe("2026-04-14T05:00:00.000Z");
    const withHoliday = addBusinessDays(new Date("2026-04-06T13:41:00Z"), 7, cal("America/Chicago", ["2026-04-10"]));
    expect(withHoliday.toISOString()).toBe("2026-04-16T13:41:00.000Z");
  });

  it("calendar days keep the wall clock across DST and resolve gaps forward", () => {
    expect(addLocalDays(new Date("2026-03-23T11:30:00Z"), 7, "Europe/Berlin").toISOString()).toBe(
      "2026-03-30T10:30:00.000Z",
    );
    // 02:30 does not exist on 29 Mar 2026 in Berlin
    expect(fromLocal({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });
});
