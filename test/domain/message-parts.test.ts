/**
 * Splitting a body into the author's own words, their signature and the messages they quote (with the quoted
 * author), across mail clients and languages.
 */
import { describe, expect, it } from "vitest";
import { compactBody, splitMessage } from "../../src/domain/message-parts.js";
import { syncCpuMillis } from "../support/cpu-time.js";

describe("splitMessage", () => {
  it("keeps a signature with a recruiter's title and a disclaimer out of the author's own words", () => {
    const p = splitMessage(
      [
        "Hi Ana,",
        "",
        "Would you have 20 minutes next week? I'm moving from recruiting into product marketing.",
        "",
        "Best,",
        "Priya Raman",
        "Talent Acquisition Partner | Northwind Software",
        "We're hiring! See our open roles at northwind.example/careers",
        "This e-mail is confidential and intended solely for the addressee. If you have received it in error, delete it.",
      ].join("\n"),
    );
    expect(p.own).toContain("20 minutes");
    expect(p.own).not.toMatch(/talent acquisition|hiring|confidential/i);
    expect(p.signature).toMatch(/Talent Acquisition Partner/);
    expect(p.quoted).toEqual([]);
  });

  it.each([
    [
      "a Vietnamese sign-off, with or without its tone marks",
      ["Trân trọng,", "Thân mến,", "Em cảm ơn chị nhiều!", "Tran trong,"],
      ["Chào chị,", "Chị có thể dành cho em 15 phút không ạ?", "Hà", "Kiểm toán viên"],
    ],
    [
      "a Ukrainian sign-off",
      ["З повагою,", "Дякую,", "Гарного дня!", "Щиро дякую!"],
      ["Добрий день!", "Чи могли б ви приділити 15 хвилин?", "Марта", "UX-дослідниця"],
    ],
    [
      "a Filipino sign-off",
      ["Salamat po,", "Maraming salamat po!", "Ingat po!", "Salamat,"],
      ["Hi po,", "Pwede po ba kayong makausap kahit 15 mins?", "Bea", "HR Associate"],
    ],
  ])("keeps %s and what follows it out of the author's own words", (_what, signoffs, [greeting, ask, name, role]) => {
    for (const signoff of signoffs) {
      const p = splitMessage([greeting, "", ask, "", signoff, name, role].join("\n"));
      expect(p.own).toContain(ask);
      expect(p.own).not.toContain(role);
      expect(p.signature).toContain(name);
    }
  });

  it("finds the quoted author in Gmail, Outlook, German, French, Spanish, Portuguese, Polish, Swedish, Danish, Indonesian, Turkish, Arabic, Vietnamese and Ukrainian quote headers", () => {
    const cases: [string, string, string | null][] = [
      ["On Tue, 3 Mar 2026 at 10:02, Ana Lima <ana@x.org> wrote:\n> Could we talk?", "Ana Lima", "ana@x.org"],
      [
        "From: Lima, Ana <ana@x.org>\nSent: Tuesday, March 3, 2026 10:02 AM\nTo: Sam Roe\nSubject: Hello\n\nCould we talk?",
        "Lima, Ana",
        "ana@x.org",
      ],
      [
        "Am 03.05.2027 um 10:02 schrieb Dr. Sabine Maaß <sabine@x.ch>:\n> Hätten Sie Zeit?",
        "Dr. Sabine Maaß",
        "sabine@x.ch",
      ],
      ["Le mar. 2 févr. 2027 à 09:14, Marie-Ève Côté <mec@x.ca> a écrit :\n> Bonjour", "Marie-Ève Côté", "mec@x.ca"],
      ["El jue, 3 oct 2027 a las 18:02, Lucía Pérez (<lucia@x.es>) escribió:\n> Hola", "Lucía Pérez", "lucia@x.es"],
      ["Em qui., 24 de jun. de 2027 às 11:00, João Gonçalves <jg@x.pt> escreveu:\n> Olá", "João Gonçalves", "jg@x.pt"],
      [
        "wt. 4 mar 2025 o 10:15 Krzysztof Lis <kl@x.pl> napisał(a):\n> Proszę dzwonić we wtorek.",
        "Krzysztof Lis",
        "kl@x.pl",
      ],
      ["Dnia 12.03.2025 o 21:14 Kasia Pawlak <kp@x.pl> napisał(a):\n> dzien dobry", "Kasia Pawlak", "kp@x.pl"],
      [
        "-----Wiadomość oryginalna-----\nOd: Anna Nowak <an@x.pl>\nWysłano: poniedziałek, 3 marca 2025 20:00\nDo: Jan\n\nCzy mogłabym zadzwonić?",
        "Anna Nowak",
        "an@x.pl",
      ],
      ["Den tis 3 nov. 2026 kl 10:12 skrev Karin Ek <karin@x.se>:\n> Hej!", "Karin Ek", "karin@x.se"],
      [
        "-----Ursprungligt meddelande-----\nFrån: Per Sandell <per@x.se>\nSkickat: den 3 november 2026 10:12\nTill: Sara\nÄmne: Fika?\n\nSkulle du ha tid?",
        "Per Sandell",
        "per@x.se",
      ],
      [
        "-----Oprindelig meddelelse-----\nFra: Mette Holm <mh@x.dk>\nSendt: 3. november 2026 10:12\nTil: Jonas\nEmne: Kaffe\n\nHar du tid?",
        "Mette Holm",
        "mh@x.dk",
      ],
      ["Pada Sen, 3 Mar 2025 pukul 10.12 Rina Wijaya <rina@x.id> menulis:\n> Halo!", "Rina Wijaya", "rina@x.id"],
      [
        "Ayşe Yılmaz <ayse@x.com.tr>, 3 Kas 2026 Sal, 10:12 tarihinde şunu yazdı:\n> Merhaba!",
        "Ayşe Yılmaz",
        "ayse@x.com.tr",
      ],
      ["في الثلاثاء، ٣ نوفمبر ٢٠٢٦ ١٠:١٢ ص كتب سارة الهاشمي <sara@x.ae>:\n> مرحبا", "سارة الهاشمي", "sara@x.ae"],
      [
        "Vào Th 5, 12 thg 11, 2026 lúc 09:15 Nguyễn Thị Lan <lan@x.vn> đã viết:\n> Chào em!",
        "Nguyễn Thị Lan",
        "lan@x.vn",
      ],
      ["Vào 12 thg 11, 2026, lúc 09:15, Lan Phạm <lan@x.vn> đã viết:\n\n> Chào em!", "Lan Phạm", "lan@x.vn"],
      [
        "-----Thư gốc-----\nTừ: Trần Văn Bình <binh@x.vn>\nĐã gửi: Thứ Năm, 12 tháng 11, 2026 9:15 SA\nĐến: Hà\nChủ đề: Xin 15 phút\n\nChị có rảnh không?",
        "Trần Văn Bình",
        "binh@x.vn",
      ],
      ["чт, 12 лист. 2026 р. о 09:15 Олена Коваль <olena@x.ua> пише:\n> Привіт!", "Олена Коваль", "olena@x.ua"],
      [
        "-----Оригінальне повідомлення-----\nВід: Тарас Шевчук <taras@x.ua>\nНадіслано: четвер, 12 листопада 2026 р. 9:15\nКому: Марта\nКопія: Олег\nТема: Кава?\n\nЧи є у вас час?",
        "Тарас Шевчук",
        "taras@x.ua",
      ],
      [
        "من: Salem Al Kaabi <salem@x.ae>\nتم الإرسال: الثلاثاء، ٣ نوفمبر ٢٠٢٦\nإلى: Omar\nالموضوع: قهوة\n\nهل لديك وقت؟",
        "Salem Al Kaabi",
        "salem@x.ae",
      ],
      [
        "-----Özgün İleti-----\nKimden: Burak Öztürk <burak@x.com.tr>\nGönderildi: 3 Kasım 2026 Salı 10:12\nKime: Deniz\nKonu: Kahve?\n\nMüsait misiniz?",
        "Burak Öztürk",
        "burak@x.com.tr",
      ],
      [
        "-----Pesan Asli-----\nDari: Budi Santoso <budi@x.id>\nDikirim: Senin, 3 Maret 2025 10.12\nKepada: Dimas\nPerihal: Ngopi?\n\nApakah Mas ada waktu?",
        "Budi Santoso",
        "budi@x.id",
      ],
      [
        "-----Original Message-----\nFrom: Rob Wilson [mailto:rob@x.com]\nSent: Monday\nTo: Kean, Steven\n\nAdvice?",
        "Rob Wilson",
        "rob@x.com",
      ],
    ];
    for (const [body, name, address] of cases) {
      const p = splitMessage(`Thanks!\n\n${body}`);
      expect(p.quoted[0]?.authorName, body).toBe(name);
      expect(p.quoted[0]?.authorAddress, body).toBe(address);
      expect(p.own).toBe("Thanks!");
    }
  });

  it("reads Lotus Notes headers, including a forwarded message and its recipient", () => {
    const notes = splitMessage(
      "Good points.\n\n\n\nRob Wilson@ENRON\n07/24/2000 04:44 PM\n\n\nTo: Steven J Kean/HOU/EES@EES\ncc: \nSubject: Doctoral studies\n\nSteve, I'd welcome any advice.",
    );
    expect(notes.quoted[0]).toMatchObject({ authorName: "Rob Wilson", to: "Steven J Kean/HOU/EES@EES" });
    expect(notes.quoted[0]?.text).toContain("welcome any advice");
    const fwd = splitMessage(
      "----- Forwarded by Steven J Kean/NA/Enron on 03/09/2001 01:08 PM -----\n\n\tTamara Hopkins/ENRON@enronXgate\n\t03/08/2001 08:53 AM\n\t\t \n\t\t To: Steven J Kean/NA/Enron@Enron\n\t\t cc: \n\nSteve, could you direct me to the right person?",
    );
    expect(fwd.own).toBe("");
    expect(fwd.quoted[0]).toMatchObject({ authorName: "Tamara Hopkins", to: "Steven J Kean/NA/Enron@Enron" });
  });

  it("reads a wrapped Notes forward banner and a Notes header without @, and never makes the forwarder the author", () => {
    const wrapped = splitMessage(
      [
        "FYI",
        "---------------------- Forwarded by Dana K Whitfield/CORP/ACME on 11/02/2001 04:12 ",
        "PM ---------------------------",
        "",
        "",
        "Marcus O Lindqvist",
        "11/01/2001 09:30 AM",
        "To: Priya Natarajan/CORP/ACME@ACME",
        "cc: Dana K Whitfield/CORP/ACME@ACME",
        "Subject: Re: analyst openings",
        "",
        "Priya -- the structuring group may have room next quarter.",
      ].join("\n"),
    );
    expect(wrapped.own).toBe("FYI");
    expect(wrapped.quoted[0]).toMatchObject({ authorName: "Marcus O Lindqvist", to: "Priya Natarajan/CORP/ACME@ACME" });
    expect(wrapped.quoted[0]?.text).toContain("structuring group");
    // a banner with no header under it: who wrote the forwarded text is unknown, not the forwarder
    const bare = splitMessage(
      "see below\n----- Forwarded by Dana K Whitfield/CORP/ACME on 11/02/2001 04:12 PM -----\nHello all",
    );
    expect(bare.quoted[0]).toMatchObject({ authorName: "", authorAddress: null });
    // a name and a date in prose are not a header
    const prose = splitMessage("Thanks!\nMarcus Lindqvist\n11/01/2001 09:30 AM works for me\nsee you then");
    expect(prose.quoted).toEqual([]);
  });

  it("reads a Notes reply to outside mail: a name and address alone, the date, then To:/cc:/Subject:", () => {
    const reply = splitMessage(
      [
        "Fine by me; see you on the 30th.",
        "",
        '\t"Okafor, Ngozi" <NOkafor@example.com>',
        "\t03/09/2001 08:44 AM",
        "\t\t ",
        "\t\t To: \"'pat@example.org'\" <pat@example.org>",
        "\t\t cc: ",
        "\t\t Subject: visit",
        "",
        "Dear Pat, I can come down between March 30 and April 6.",
      ].join("\n"),
    );
    expect(reply.own).toBe("Fine by me; see you on the 30th.");
    expect(reply.quoted[0]).toMatchObject({ authorAddress: "nokafor@example.com" });
    expect(reply.quoted[0]?.text).toContain("between March 30");
    // an address on its own line in a signature, then a date in prose, is not a header
    const sig = splitMessage("Thanks\nPat Lee <pat@example.org>\n03/09/2001 08:44 AM is when I sent it\nok");
    expect(sig.quoted).toEqual([]);
  });

  it("follows nested quotes and keeps them in order, outermost first", () => {
    const p = splitMessage(
      "Great, Thursday works.\n\nOn Tue, Ana <ana@x.org> wrote:\n> Sure, happy to chat.\n>\n> On Mon, Tessa <t@y.org> wrote:\n>> Hi Ana, could we talk?",
    );
    expect(p.quoted.map((q) => q.authorAddress)).toEqual(["ana@x.org", "t@y.org"]);
    expect(p.quoted[1]?.text).toBe("Hi Ana, could we talk?");
  });

  it("gives a '>'-quoted Outlook header block no empty quote of its own, so the message it quotes keeps its slot", () => {
    const body = [
      "Call me Monday.",
      "",
      " -----Original Message-----",
      "From: \tDana Roe <dana@startup.example>",
      "Sent:\tFriday, June 22, 2001 10:15 AM",
      "To:\tLee, Sam",
      "Subject:\tRE:",
      "",
      "Just following up on my voice mail.",
      "",
      ">  -----Original Message-----",
      "> From: \tDana Roe",
      "> Sent:\tTuesday, June 12, 2001 6:54 PM",
      "> To:\t'sam@example.com'",
      "> Subject:",
      ">",
      "> As part of my market research, I'd like to speak to a few key people.",
    ].join("\n");
    const p = splitMessage(body, { maxQuotes: 2 });
    expect(p.quoted.map((q) => [q.authorName, q.text.trim()])).toEqual([
      ["Dana Roe", "Just following up on my voice mail."],
      ["Dana Roe", "As part of my market research, I'd like to speak to a few key people."],
    ]);
  });

  it("is linear on hostile input and never throws", () => {
    const spent = syncCpuMillis(() => {
      for (const body of ["<".repeat(200_000), "On ".repeat(50_000), ">".repeat(100_000), "From: x\n".repeat(20_000)]) {
        expect(() => splitMessage(body)).not.toThrow();
      }
    });
    expect(spent).toBeLessThan(2_000);
  });
});

describe("compactBody", () => {
  it("is read back by splitMessage as the same own text and quoted authors", () => {
    const body =
      "Happy to help.\n\nBest,\nAna\n\nOn Tue, 3 Mar 2026 at 10:02, Tessa Lind <t@y.org> wrote:\n> Would you have 20 minutes?";
    const again = splitMessage(compactBody(body));
    const first = splitMessage(body);
    expect(again.own).toBe(first.own);
    expect(again.quoted.map((q) => [q.authorAddress, q.text])).toEqual(
      first.quoted.map((q) => [q.authorAddress, q.text]),
    );
  });
});
