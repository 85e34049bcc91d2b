/** The introductions a thread's messages make: cc-introductions, people named in a reply, forwarded backgrounds. */
import { describe, expect, it } from "vitest";
import { findIntroductions } from "../../src/domain/introductions.js";
import type { EmailAddress, MailMessage } from "../../src/domain/mail.js";

const ME = { address: "alex.kim@example.com", name: "Alex Kim" };
const ANA = { address: "ana.lopez@harbor.example", name: "Ana Lopez" };
const SAM = { address: "sam.okafor@tidewater.example", name: "Sam Okafor" };

let n = 0;
function mail(
  from: EmailAddress,
  to: EmailAddress[],
  subject: string,
  body: string,
  cc: EmailAddress[] = [],
): MailMessage {
  n++;
  return {
    providerId: null,
    providerThreadId: null,
    messageId: `<m${n}@example.com>`,
    inReplyTo: [],
    references: [],
    subject,
    from,
    to,
    cc,
    date: new Date(Date.UTC(2026, 0, 5, n)),
    sentByUser: from.address === ME.address,
    bodyText: body,
    headers: {},
    labels: [],
  };
}

describe("findIntroductions", () => {
  it("a cc-introduction introduces the people copied in, by the one who wrote it", () => {
    const intro = mail(
      ANA,
      [ME, SAM],
      "Intro: Alex <> Sam",
      "Alex, meet Sam — Sam leads research at Tidewater. Sam, Alex is moving into UX research. I'll let you two take it from here.\n\nAna",
    );
    expect(findIntroductions([intro], [ME.address])).toEqual([
      {
        kind: "cc",
        referrer: ANA,
        referred: { address: SAM.address, name: "Sam Okafor", organisation: null },
        messageId: intro.messageId,
        at: intro.date,
      },
    ]);
  });

  it("a person named in a reply, with an address or with an organisation only", () => {
    const reply = mail(
      ANA,
      [ME],
      "Re: Thank you",
      "Glad it helped! You should also talk to Priya Shah at Northwind, priya.shah@northwind.example — tell her I sent you. Ken Ito at Contoso would be worth a chat too; I'd reach out to Ken Ito at Contoso when you can.\n\nAna",
    );
    const found = findIntroductions([mail(ME, [ANA], "Thank you", "Thanks Ana!"), reply], [ME.address]);
    expect(found.map((f) => [f.kind, f.referrer.address, f.referred])).toEqual([
      [
        "named",
        ANA.address,
        { address: "priya.shah@northwind.example", name: "Priya Shah", organisation: "Northwind" },
      ],
      ["named", ANA.address, { address: null, name: "Ken Ito", organisation: "Contoso" }],
    ]);
  });

  it("in German and Spanish", () => {
    const de = mail(
      ANA,
      [ME],
      "AW: Danke",
      "Sprich doch mal mit Jonas Weber bei Siemens, jonas.weber@siemens.example.",
    );
    const es = mail(ANA, [ME], "RE: Gracias", "Te recomiendo que hables con Lucía Pérez, lucia@ejemplo.example.");
    expect(findIntroductions([de], [ME.address])[0]?.referred).toEqual({
      address: "jonas.weber@siemens.example",
      name: "Jonas Weber",
      organisation: "Siemens",
    });
    expect(findIntroductions([es], [ME.address])[0]?.referred.address).toBe("lucia@ejemplo.example");
  });

  it("a forwarded background introduces its author", () => {
    const fwd = mail(
      ANA,
      [ME],
      "Fwd: Priya's background",
      "Alex — you two should talk, see below.\n\n---------- Forwarded message ---------\nFrom: Priya Shah <priya.shah@northwind.example>\nDate: Mon, 5 Jan 2026\nSubject: background\nTo: Ana Lopez <ana.lopez@harbor.example>\n\nHappy to speak with anyone Ana recommends about research ops.\n\nPriya",
    );
    expect(findIntroductions([fwd], [ME.address]).map((f) => [f.kind, f.referred.address])).toEqual([
      ["forward", "priya.shah@northwind.example"],
    ]);
  });

  it("names nobody where nobody is sent anywhere, nor the user, nor someone already in the thread", () => {
    const plain = mail(
      ANA,
      [ME],
      "Re: coffee",
      "Talk to you soon! You should talk to HR about it. Maybe talk to Google.",
    );
    const cc = mail(ANA, [ME, SAM], "Re: plans", "Sam and I will be there on Friday, see you.");
    const mentioned = mail(ANA, [ME, SAM], "Re: Friday", "You should talk to Sam Okafor about this.");
    expect(findIntroductions([plain], [ME.address])).toEqual([]);
    expect(findIntroductions([cc], [ME.address])).toEqual([]);
    expect(findIntroductions([mail(ME, [ANA], "x", "You should talk to Alex Kim"), mentioned], [ME.address])).toEqual(
      [],
    );
  });
});
