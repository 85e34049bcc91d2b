/** "Try someone else there": the three-business-day rule, organisations compared as names, replies that end it. */
import { describe, expect, it } from "vitest";
import {
  type KnownPerson,
  organisationKey,
  sameOrganisationName,
  suggestOthersThere,
  type WaitingOutreach,
} from "../../src/domain/someone-else-there.js";

const CAL = { timeZone: "America/Chicago" };
const since = new Date("2026-03-02T15:00:00Z"); // Monday 09:00 in Chicago
const maria: WaitingOutreach = { address: "maria@nw.example", name: "Maria", organisation: "Northwind Traders", since };
const person = (
  id: string,
  organisation: string,
  via: KnownPerson["via"],
  address: string | null = null,
): KnownPerson => ({
  id,
  name: id,
  address,
  organisation,
  position: null,
  via,
});
const sam = person(
  "Sam",
  "Northwind Traders, Inc.",
  [{ kind: "mail", at: new Date("2025-11-01T00:00:00Z") }],
  "sam@nw.example",
);
const priya = person("Priya", "northwind traders", [{ kind: "linkedin", at: null }]);
const ken = person("Ken", "Northwind", [
  { kind: "linkedin", at: null },
  { kind: "calendar", at: new Date("2026-01-10T00:00:00Z") },
]);
const dana = person("Dana", "Acme", [{ kind: "mail", at: null }], "dana@acme.example");
const run = (now: string, extra: Partial<Parameters<typeof suggestOthersThere>[0]> = {}) =>
  suggestOthersThere({
    waiting: [maria],
    known: [sam, priya, ken, dana],
    replies: [],
    now: new Date(now),
    calendar: CAL,
    excluded: new Set(),
    ...extra,
  });

describe("try someone else there", () => {
  it("compares organisations as their names, not their legal forms", () => {
    expect(organisationKey("Northwind Traders, Inc.")).toBe("northwind traders");
    expect(sameOrganisationName("Société Générale S.A.", "societe generale")).toBe(true);
    expect(sameOrganisationName("Northwind", "Northwind Traders")).toBe(true);
    expect(sameOrganisationName("AB", "AB InBev")).toBe(false); // too short to be sure
    expect(sameOrganisationName("Acme", "Acmeworks")).toBe(false);
    expect(sameOrganisationName("Inc.", "Inc.")).toBe(false);
  });

  it("suggests the others at the organisation after three business days, meetings first, each with how", () => {
    expect(run("2026-03-05T14:59:00Z")).toEqual([]);
    const [s] = run("2026-03-05T15:00:00Z");
    expect(s?.businessDays).toBe(3);
    expect(s?.others.map((o) => [o.person.id, o.via.kind])).toEqual([
      ["Ken", "calendar"],
      ["Sam", "mail"],
      ["Priya", "linkedin"],
    ]);
    expect(run("2026-03-05T15:00:00Z", { perOrganisation: 2 })[0]?.others).toHaveLength(2);
  });

  it("stops once someone there answers, and leaves out who must not be written to", () => {
    const replied = { from: "sam@nw.example", organisation: "Northwind Traders", at: new Date("2026-03-04T00:00:00Z") };
    expect(run("2026-03-09T15:00:00Z", { replies: [replied] })).toEqual([]);
    const before = { ...replied, at: new Date("2026-03-01T00:00:00Z") }; // an answer to something older
    expect(run("2026-03-09T15:00:00Z", { replies: [before] })).toHaveLength(1);
    const s = run("2026-03-09T15:00:00Z", { excluded: new Set(["sam@nw.example"]) })[0];
    expect(s?.others.map((o) => o.person.id)).toEqual(["Ken", "Priya"]);
    expect(run("2026-03-09T15:00:00Z", { known: [dana] })).toEqual([]);
  });
});
