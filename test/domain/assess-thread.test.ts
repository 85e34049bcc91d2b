import { describe, expect, it } from "vitest";
import { extractAgreedMeetings } from "../../src/domain/agreed-time.js";
import { assessThread, informationalContacts } from "../../src/domain/assess-thread.js";
import type { MailMessage } from "../../src/domain/mail.js";

const ME = "me@example.com";
let n = 0;
function m(
  from: string,
  to: string,
  at: string,
  subject: string,
  body: string,
  extra: Partial<MailMessage> = {},
): MailMessage {
  n++;
  return {
    providerId: null,
    providerThreadId: null,
    messageId: `<t${n}@x>`,
    inReplyTo: [],
    references: [],
    subject,
    from: { address: from, name: "" },
    to: [{ address: to, name: "" }],
    cc: [],
    date: new Date(at),
    sentByUser: from === ME,
    bodyText: body,
    headers: {},
    labels: [],
    ...extra,
  };
}
const assess = (msgs: MailMessage[]) => assessThread(msgs, [ME], { timeZone: "Europe/London" });

describe("assessThread", () => {
  it("recognises the user's request for a career conversation (seeker) with reasons", () => {
    const a = assess([
      m(
        ME,
        "kim@example.org",
        "2026-03-02T10:00:00Z",
        "Your route into actuarial work?",
        "Hi Kim, Dr Osei suggested I get in touch. I'm a maths graduate weighing up actuarial training and I'd be grateful for 20 minutes of your perspective on how you got into the profession.",
      ),
    ]);
    expect(a).toMatchObject({
      informational: true,
      direction: "seeker",
      contacts: ["kim@example.org"],
      referredBy: "Dr Osei",
    });
    // reasons are sentences a person reads, naming who asked and the words that showed it
    expect(a.reasons[0]).toMatch(/^Informational \(you asked/);
    expect(a.reasons.join(" ")).toMatch(/You asked kim@example\.org for a conversation \("/);
    expect(a.reasons.join(" ")).not.toMatch(/[+-]\d\.\d/);
    // the numbers stay in the evidence
    expect(a.evidence?.contributions.find((c) => c.feature === "req_ask")?.contribution).toBeGreaterThan(0);
    expect(a.confidence).toBeGreaterThan(0.5);
  });

  it("recognises the host direction: someone asks the user about their path", () => {
    const a = assess([
      m(
        "student@uni.example.edu",
        ME,
        "2026-03-02T10:00:00Z",
        "Question from a first-year",
        "Hello! Could I ask you a few questions about your experience as a pharmacist? 15 minutes on the phone would really help me choose my placement.",
      ),
    ]);
    expect(a).toMatchObject({ informational: true, direction: "host", contacts: ["student@uni.example.edu"] });
  });

  it("rejects recruiter, sales, bulk and formal-interview mail that also asks for 15 minutes", () => {
    const recruiter = assess([
      m(
        "r@agency.example.com",
        ME,
        "2026-03-02T10:00:00Z",
        "Exciting opportunity — 15 minutes?",
        "Hi, I'm recruiting for a Senior Analyst role with our client, salary £55k. Do you have 15 minutes for a quick call? Send me your updated CV.",
      ),
    ]);
    const sales = assess([
      m(
        "s@vendor.example.io",
        ME,
        "2026-03-02T10:00:00Z",
        "Quick question",
        "Could I borrow 15 minutes for a quick demo of our platform? Our customers love it. To stop hearing from me reply no thanks.",
      ),
    ]);
    const newsletter = assess([
      m(
        "news@letters.example.net",
        ME,
        "2026-03-02T10:00:00Z",
        "How to ask for an informational interview",
        "Ask for 20 minutes of their perspective on their path.",
        { headers: { "list-unsubscribe": "<https://x/u>" } },
      ),
    ]);
    const formal = assess([
      m(
        ME,
        "hm@corp.example.com",
        "2026-03-02T18:00:00Z",
        "Thank you — Analyst interview",
        "Thank you for taking the time to interview me today for the Analyst position. I enjoyed our conversation and would love to join the team.",
      ),
    ]);
    for (const a of [recruiter, sales, newsletter, formal]) expect(a.informational).toBe(false);
    expect(recruiter.category).toBe("recruiter");
    expect(newsletter.category).toBe("bulk");
  });

  it("notices a polite decline and a do-not-contact request", () => {
    const out = m(
      ME,
      "x@example.org",
      "2026-03-02T10:00:00Z",
      "Informational interview request",
      "Dear Xan, would you be willing to give me a brief informational interview about your career in audit?",
    );
    const no = m(
      "x@example.org",
      ME,
      "2026-03-03T10:00:00Z",
      "Re: Informational interview request",
      "Thank you for asking. Unfortunately I'm not able to take calls like this at the moment. Best of luck!",
    );
    expect(assess([out, no])).toMatchObject({ informational: true, declined: true });
    const stop = m(
      "x@example.org",
      ME,
      "2026-03-03T10:00:00Z",
      "Re: Informational interview request",
      "Please don't contact me again.",
    );
    expect(assess([out, stop]).doNotContact).toBe(true);
  });

  it("a later thread with a known contact continues the relationship only when it talks like one", () => {
    const update = m(
      ME,
      "kim@example.org",
      "2026-05-02T10:00:00Z",
      "Quick update",
      "Hi Kim, a quick update: I took your advice and started the course. Thanks again for the chat!",
    );
    const logistics = m(ME, "kim@example.org", "2026-05-02T10:00:00Z", "Parking", "The car park code is 1234.");
    const known = informationalContacts([
      { ...assess([update]), informational: true, direction: "seeker", contacts: ["kim@example.org"] },
    ]);
    expect(assessThread([update], [ME], { timeZone: "UTC", knownContacts: known }).informational).toBe(true);
    expect(assessThread([logistics], [ME], { timeZone: "UTC", knownContacts: known }).informational).toBe(false);
  });

  it("a later thread in which the user sends a met contact an article is read though nothing in it asks or thanks (pattern 6); everyday mail with them is not", () => {
    const article = m(
      ME,
      "kim@example.org",
      "2026-06-02T10:00:00Z",
      "Saw this",
      "Made me think of you: https://example.org/piece",
    );
    const logistics = m("kim@example.org", ME, "2026-05-03T10:00:00Z", "Parking", "The car park code is 1234.");
    const known = new Map([["kim@example.org", "seeker" as const]]);
    // alone, neither says anything about careers: the cheap path decides both
    expect(assessThread([article], [ME], { timeZone: "UTC" }).informational).toBe(false);
    expect(assessThread([logistics], [ME], { timeZone: "UTC" }).evidence?.filtered).toBe(true);
    // with the relationship known, the article is read and continues it; the parking code stays on the cheap path
    const kept = assessThread([article], [ME], { timeZone: "UTC", knownContacts: known });
    expect(kept.informational).toBe(true);
    expect(kept.evidence?.contributions.map((c) => c.feature)).toContain("known_user_opened");
    const other = assessThread([logistics], [ME], { timeZone: "UTC", knownContacts: known });
    expect(other.evidence?.filtered).toBe(true);
    expect(other.informational).toBe(false);
  });
});

describe("colleagues and careers", () => {
  const WORK = "me@acme-logistics.example";
  const PAT = "pat@acme-logistics.example";
  const features = (a: ReturnType<typeof assessThread>) => a.evidence?.contributions.map((c) => c.feature) ?? [];

  it("one career word in the user's own note to a colleague is not an internal career conversation", () => {
    const note = {
      ...m(
        WORK,
        PAT,
        "2026-05-02T10:00:00Z",
        "Re: Welcome lunch",
        "Do you have an alumni list of the analysts in key positions?",
      ),
      sentByUser: true,
    };
    const a = assessThread([note], [WORK], { timeZone: "UTC" });
    expect(features(a)).not.toContain("colleague_career");
    expect(a.informational).toBe(false);
  });

  it("a colleague asking the user about a move into the user's team is one", () => {
    const ask = m(
      PAT,
      WORK,
      "2026-05-02T10:00:00Z",
      "Coffee?",
      "Hi, I'm thinking about moving into your team one day. Could we grab 20 minutes so I can hear how you got there?",
    );
    const a = assessThread([ask], [WORK], { timeZone: "UTC" });
    expect(features(a)).toContain("colleague_career");
    expect(a).toMatchObject({ informational: true, direction: "host" });
  });
});

describe("a work matter in a career conversation's words", () => {
  const WORK = "me@acme-logistics.example";
  const features = (a: ReturnType<typeof assessThread>) => a.evidence?.contributions.map((c) => c.feature) ?? [];
  const ask = (from: string, subject: string, body: string) =>
    assessThread([m(from, WORK, "2026-05-02T10:00:00Z", subject, body)], [WORK], { timeZone: "UTC" });

  it.each([
    ["en", "Coffee?", "Coffee tomorrow? I need your advice on the Q3 budget before it goes to finance."],
    ["pt", "café?", "Bora tomar um café amanhã? Preciso da tua opinião sobre o projeto do cliente novo."],
    ["de", "Kaffee?", "Hast du morgen 15 Minuten für einen Kaffee? Brauch deinen Rat zum Lastenheft, bitte."],
    ["fr", "Café?", "As-tu 15 minutes pour un café demain? J'ai besoin de ton avis sur l'horaire des fêtes."],
  ])("a colleague's or a client's ask about a piece of the work is not one (%s)", (_lang, subject, body) => {
    const a = ask("pat@partner-firm.example", subject, body);
    expect(features(a)).toContain("neg_work");
    expect(a.informational).toBe(false);
  });

  it("a career ask that names a field made of the same words still is one", () => {
    const a = ask(
      "sam@elsewhere.example",
      "Breaking into project management",
      "Hi, Jo Reyes suggested I reach out. I'd love your advice on project management as a career: would you have 20 minutes for a call next week to hear how you moved into it?",
    );
    expect(features(a)).not.toContain("neg_work");
    expect(a).toMatchObject({ informational: true });
  });
});

describe("an introduction", () => {
  it("the user who answers it with 'send me a few times' is the one asked, however the introducer put it", () => {
    const intro = m("pat@school.example", ME, "2026-03-09T09:30:00Z", "Intro: Sam <> Jo", "", {
      to: [
        { address: ME, name: "Sam" },
        { address: "jo@studio.example", name: "Jo" },
      ],
      bodyText:
        "Hi Sam, hi Jo,\n\nSam, let me introduce Jo, an architect of eight years who is thinking seriously about a move into product design. Nobody better than you to tell her what it is really like.\n\nI'll let you two take it from here!\nPat",
    });
    const answer = m(ME, "jo@studio.example", "2026-03-09T12:15:00Z", "Re: Intro: Sam <> Jo", "", {
      inReplyTo: [intro.messageId ?? ""],
      references: [intro.messageId ?? ""],
      bodyText:
        "Hi Jo, lovely to meet you (Pat, thanks! moving you to bcc).\n\nSend me a few times and I'll fit you in.",
    });
    const times = m("jo@studio.example", ME, "2026-03-09T13:02:00Z", "Re: Intro: Sam <> Jo", "", {
      inReplyTo: [answer.messageId ?? ""],
      references: [intro.messageId ?? "", answer.messageId ?? ""],
      bodyText: "Thank you Sam, and thanks Pat. Would Saturday at 10 by video work, or Wednesday at 6pm?",
    });
    const a = assess([intro, answer, times]);
    expect(a).toMatchObject({ informational: true, direction: "host" });
  });
});

describe("extractAgreedMeetings", () => {
  const msg = (sentByUser: boolean, at: string, text: string) => ({
    messageId: `<${at}>`,
    date: new Date(at),
    sentByUser,
    text,
  });
  it("takes a time proposed by one side and accepted by the other, read in the user's zone", () => {
    const r = extractAgreedMeetings(
      [
        msg(true, "2026-03-02T10:00:00Z", "Could we talk sometime?"),
        msg(false, "2026-03-03T10:00:00Z", "Sure, how about Thursday 12 March at 4pm?"),
        msg(true, "2026-03-03T12:00:00Z", "Thursday 12 March at 4pm works, thanks!"),
      ],
      "America/Chicago",
      30,
    );
    expect(r.meetings).toEqual([
      { start: "2026-03-12T21:00:00.000Z", end: "2026-03-12T21:30:00.000Z", messageId: expect.any(String) },
    ]);
  });
  it("ignores times nobody accepted, and voids a time cancelled later without a new one", () => {
    expect(
      extractAgreedMeetings(
        [msg(true, "2026-03-02T10:00:00Z", "I'm free Thursday 12 March at 4pm if that helps.")],
        "UTC",
        30,
      ).meetings,
    ).toEqual([]);
    const r = extractAgreedMeetings(
      [
        msg(false, "2026-03-03T10:00:00Z", "Sure, Friday 13 March at 10:00?"),
        msg(true, "2026-03-03T12:00:00Z", "Perfect, see you then."),
        msg(false, "2026-03-12T10:00:00Z", "So sorry, I have to cancel our call tomorrow."),
      ],
      "UTC",
      30,
    );
    expect(r).toEqual({ meetings: [], cancelled: true });
  });
});

describe("assessThread: thanks in advance is not a conversation held", () => {
  const outreach = (body: string) =>
    m(ME, "chen@acme.example.com", "2026-06-01T10:00:00Z", "Informational interview request", body);

  it("reads 'Thank you for your time and consideration' closing the ask as thanks in advance", () => {
    const a = assess([
      outreach(
        "Dear Ms. Chen,\n\nI am a senior exploring careers in product management. Would you be available for a 20-minute phone call in the next few weeks?\n\nThank you for your time and consideration.\n\nSincerely,\nSam",
      ),
    ]);
    expect(a.informational).toBe(true);
    expect(a.heldBefore).toBeUndefined();
  });

  it("still takes a thank-you written after the ask, or one in the asking message that names the conversation", () => {
    const later = assess([
      outreach("Hi Ms. Chen, would you have 20 minutes for a call about product management? Thanks for your time!"),
      m(
        ME,
        "chen@acme.example.com",
        "2026-06-09T18:00:00Z",
        "Re: Informational interview request",
        "Thank you for your time on the call today — your advice on portfolios was exactly what I needed.",
      ),
    ]);
    expect(later.heldBefore).toBe("2026-06-09T18:00:00.000Z");
    const named = assess([
      outreach(
        "Hi Ms. Chen, thank you for the coffee yesterday! Would you have 20 more minutes next month to tell me about product roles at Acme?",
      ),
    ]);
    expect(named.heldBefore).toBe("2026-06-01T10:00:00.000Z");
  });
});

describe("assessThread: shared mailboxes", () => {
  it("reads an application to careers@ offering 'a brief call' as not informational, and says why", () => {
    const a = assess([
      m(
        ME,
        "careers@policyinstitute.example.org",
        "2026-03-06T14:00:00Z",
        "Application - Research Assistant",
        "Dear Hiring Committee,\n\nPlease find attached my resume and cover letter for the Research Assistant position. I'd be glad to make time for a brief call at your convenience to discuss my experience.\n\nBest regards,\nNadia",
      ),
    ]);
    expect(a.informational).toBe(false);
    expect((a.evidence?.contributions ?? []).some((c) => c.feature === "role_mailbox" && c.contribution < 0)).toBe(
      true,
    );
    expect(a.reasons.join(" ")).toMatch(/shared mailbox/);
  });
});

describe("assessThread: the user, asked, answers in a line", () => {
  const ask = m(
    "lena@uni.example.org",
    ME,
    "2026-05-04T09:00:00Z",
    "A question from a graduate student",
    "Dear Dr. Okafor, I'm finishing my master's in hydrology and would love 20 minutes of your advice on moving into consulting. Would you have time next week?",
  );
  const reply = (body: string) =>
    m(ME, "lena@uni.example.org", "2026-05-04T18:00:00Z", "Re: A question from a graduate student", body, {
      inReplyTo: [ask.messageId ?? ""],
    });

  it("takes 'happy to.' as saying yes", () => {
    const a = assess([ask, reply("Lena - happy to. Sam, can you find us 20 min next week?\nN")]);
    expect(a).toMatchObject({ informational: true, direction: "host" });
    const counted = (a.evidence?.contributions ?? []).map((c) => c.feature);
    expect(counted).toContain("host_user_offer");
    // "I'm finishing my master's": a student asks
    expect(counted).toContain("host_seeker");
  });

  it("takes a referral to a better person to ask as help given", () => {
    const a = assess([
      ask,
      reply(
        "Lena, I'm travelling all month. Priya on our water team made that move and is a better person to ask; I've copied her.",
      ),
    ]);
    expect(a).toMatchObject({ informational: true, direction: "host" });
    expect(a.reasons.join(" ")).toMatch(/You offered .* \("is a better person to ask"\)/);
  });
});

describe("offer cues", () => {
  it("reads a bare 'happy to' closing a clause as a yes, not 'happy to report'", async () => {
    const { findSignals, foldText } = await import("../../src/domain/text-signals.js");
    const offers = (text: string) => findSignals(foldText(text), "offer").map((h) => h.match);
    expect(offers("Yes, happy to - how about Tuesday?")).toEqual(["happy to -"]);
    expect(offers("Aisha - happy to. Trudy, can you find 30 min?")).toEqual(["happy to."]);
    expect(offers("Happy to report the migration finished overnight.")).toEqual([]);
  });
});

describe("seeker cues", () => {
  it("reads 'I'm a new grad', 'I'm now studying…', 'fascinated by' as the writer, not 'the new grad orientation roster'", async () => {
    const { findSignals, foldText } = await import("../../src/domain/text-signals.js");
    const seeker = (text: string) =>
      findSignals(foldText(text), "purpose").filter((h) => h.id === "purpose.seeker").length;
    expect(seeker("I'm a new grad nurse hoping to move into the ICU.")).toBe(1);
    expect(seeker("Can we look at the new grad orientation roster before Thursday?")).toBe(0);
    expect(seeker("Our graduate programme intake starts in September.")).toBe(0);
    expect(seeker("I'm now studying supply chain part-time and have become fascinated by logistics.")).toBe(1);
    expect(seeker("I'm doing a part-time course in UX design.")).toBe(1);
  });
});

describe("Dutch cues", () => {
  it("reads 'je eigen pad', 'de stap naar' as the purpose and 'bedankt voor gisteren', 'je tip om' as thanks", async () => {
    const { findSignals, foldText } = await import("../../src/domain/text-signals.js");
    const groups = (text: string) => findSignals(foldText(text)).map((h) => h.group);
    expect(groups("Hoi Sanne, ik ben erg benieuwd hoe jij je eigen pad hebt aangepakt.")).toContain("purpose");
    expect(groups("Eerlijk gezegd weet ik niet goed hoe de stap naar medior eruitziet.")).toContain("purpose");
    expect(groups("Hoi, nog bedankt voor gisteren, ik ga ermee aan de slag.")).toContain("after");
    expect(groups("Vooral je tip om eerst een half jaar te wachten, dank je.")).toContain("after");
    expect(groups("Hoi, de stand van het project is goed, ik bel je morgen.")).not.toContain("purpose");
  });
});

describe("event cues", () => {
  it("reads 'I saw you speak at the career night' as how they met, and 'Join us at Career Night, RSVP' as a promotion", async () => {
    const { findSignals, foldText } = await import("../../src/domain/text-signals.js");
    const events = (text: string) => findSignals(foldText(text), "event").map((h) => h.match);
    expect(events("I saw you speak at the career night last month. Could I ask you a few questions?")).toEqual([]);
    expect(events("We met at the job fair in May.")).toEqual([]);
    expect(events("Join us at the Career Night on 3 March!")).toEqual(["career night"]);
  });
});

describe("assessThread: career words that ask for nothing", () => {
  it("does not take the user's plans or news, with nothing asked and no answer, for an outreach", () => {
    const a = assess([
      m(
        ME,
        "builder@homes.example",
        "2026-05-04T09:00:00Z",
        "Costs",
        "Mike, I've attached my estimate of the costs. We plan to move to the coast next year if the numbers work, and we'd like to start soon.",
      ),
    ]);
    expect(a.informational).toBe(false);
    expect(a.evidence?.contributions.find((c) => c.feature === "req_no_ask")?.contribution).toBeLessThan(0);
    expect(a.reasons.join(" ")).toMatch(/ask for nothing/);
  });

  it("still takes an outreach that asks, and reads 'can i come by tmrw to talk' as an ask", async () => {
    const { findSignals, foldText } = await import("../../src/domain/text-signals.js");
    const asks = (text: string) => findSignals(foldText(text), "ask").length;
    expect(asks("hey can i come by tmrw to talk about grad school vs working?")).toBeGreaterThan(0);
    expect(asks("Could we stop by your office to chat about the placement?")).toBeGreaterThan(0);
    expect(asks("Come by the stand at the fair for a free tote.")).toBe(0);
    const a = assess([
      m(
        ME,
        "kim@example.org",
        "2026-03-02T10:00:00Z",
        "Your route into actuarial work?",
        "Hi Kim, I'm weighing up actuarial training and I plan to move into the profession. Could we have a quick call next week?",
      ),
    ]);
    expect(a).toMatchObject({ informational: true, direction: "seeker" });
    expect(a.evidence?.contributions.some((c) => c.feature === "req_no_ask")).toBe(false);
  });
});
