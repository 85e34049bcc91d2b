/** Reading LinkedIn's Connections.csv: preamble, BOM, quoted commas, non-ASCII names, empty e-mails, bad rows. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  LinkedInExportError,
  nameKey,
  parseConnectedOn,
  parseLinkedInExport,
} from "../../src/domain/linkedin-export.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/linkedin/Connections.csv");
const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

describe("parseLinkedInExport", () => {
  const parsed = parseLinkedInExport(readFileSync(FIXTURE, "utf8"));

  it("finds the header after the preamble and reads every usable row as written", () => {
    expect(parsed.headerLine).toBe(4);
    expect(parsed.connections.map((c) => c.name)).toEqual([
      "María López",
      "Chen Wei",
      "Björn Åkesson",
      "健太 森下",
      "Priya Shah",
      "Dana Ruiz",
      "Lena Fairbanks",
    ]);
    const [maria, chen] = parsed.connections;
    expect(maria).toMatchObject({
      line: 5,
      address: "maria@northwind.example",
      organisation: "Northwind Traders, Inc.",
      position: "Senior UX Researcher",
      connectedOn: "2025-03-12",
      profileUrl: "https://www.linkedin.com/in/maria-lopez-4b1a2c",
      sourceKey: "linkedin.com/in/maria-lopez-4b1a2c",
    });
    expect(chen).toMatchObject({ address: null, position: "Director, Public Policy", connectedOn: "2024-01-03" });
    expect(parsed.connections.find((c) => c.lastName === "Ruiz")?.organisation).toBe('Acme "Labs"');
    expect(parsed.connections.find((c) => c.lastName === "森下")?.position).toBe("プロダクトマネージャー");
  });

  it("reports each bad row with its line and reason, and imports what can be", () => {
    expect(parsed.problems).toEqual([
      { line: 9, reason: "no name", skipped: true },
      { line: 10, reason: '"priya at northwind" is not an e-mail address', skipped: false },
      { line: 10, reason: 'unreadable date "31 Sep 2024"', skipped: false },
      { line: 12, reason: "9 fields where the header has 7 (a comma outside quotes?)", skipped: true },
    ]);
    expect(parsed.connections.find((c) => c.firstName === "Priya")).toMatchObject({ address: null, connectedOn: null });
  });

  it("counts lines across a quoted field that spans lines, and keeps the later of two rows for one person", () => {
    const text = [
      "Notes:",
      '"two',
      'lines"',
      HEADER,
      'Ana,Lima,https://www.linkedin.com/in/ana,,"Acme',
      'Inc",Analyst,1 Feb 2024',
      ",,,,,,",
      "Ana,Lima,https://linkedin.com/in/ana/,,Acme,Lead,1 Feb 2024",
      "Bo,,,,,,",
    ].join("\r\n");
    const r = parseLinkedInExport(text);
    expect(r.headerLine).toBe(4);
    expect(r.connections).toHaveLength(2);
    expect(r.connections[0]).toMatchObject({ line: 8, organisation: "Acme", position: "Lead" });
    expect(r.problems).toEqual([{ line: 8, reason: "the same person as line 5; this row is kept", skipped: false }]);
    expect(r.connections[1]).toMatchObject({ name: "Bo", sourceKey: "name:bo|" });
  });

  it("refuses a file that is not an export with one line naming where", () => {
    expect(() => parseLinkedInExport("name,email\nAna,ana@x.org\n")).toThrow(
      /^line 1: no LinkedIn header .* is this LinkedIn's Connections\.csv\?$/,
    );
    expect(() => parseLinkedInExport(`${HEADER}\nAna,Lima,,,"Acme,Analyst,1 Feb 2024\nBo,Li,,,,,\n`)).toThrow(
      LinkedInExportError,
    );
    expect(() => parseLinkedInExport(`${HEADER}\nAna,Lima,,,"Acme,Analyst,1 Feb 2024\n`)).toThrow(
      /^line 2: not a readable CSV file \(a quoted field is never closed\)$/,
    );
    expect(() => parseLinkedInExport("\u0000\u0001PK")).toThrow(/^line 1: this is not a text file$/);
  });

  it("reads the date forms LinkedIn has used, and folds names for matching", () => {
    expect(parseConnectedOn("07 Nov 2021")).toBe("2021-11-07");
    expect(parseConnectedOn("3/15/24")).toBe("2024-03-15");
    expect(parseConnectedOn("2024-02-30")).toBeNull();
    expect(parseConnectedOn("yesterday")).toBeNull();
    expect(nameKey("  María  López-Díaz ")).toBe("maria lopez diaz");
    expect(nameKey("Björn Åkesson")).toBe(nameKey("bjorn akesson"));
    expect(nameKey("森下 健太")).toBe("森下 健太");
  });
});
