/**
 * The facts a draft needs, read from whole bodies: only short phrases found in the thread, never one made up (an
 * organisation from a domain, an ask from a promise), in each draft language.
 */
import { describe, expect, it } from "vitest";
import type { EmailAddress, MailMessage } from "../../src/domain/mail.js";
import { deriveThreadFacts, parseThreadFacts } from "../../src/domain/thread-facts.js";

const ME: EmailAddress = { address: "tessa@example.com", name: "Tessa Lindqvist" };
let n = 0;

function mail(from: EmailAddress, to: EmailAddress, date: string, subject: string, bodyText: string): MailMessage {
  n++;
  return {
    providerId: `p${n}`,
    providerThreadId: "t",
    messageId: `<m${n}@x>`,
    inReplyTo: [],
    references: [],
    subject,
    from,
    to: [to],
    cc: [],
    date: new Date(date),
    sentByUser: from.address === ME.address,
    bodyText,
    headers: {},
    labels: [],
  };
}

describe("deriveThreadFacts", () => {
  const elif = { address: "elif.kaya@harborlight.example.com", name: "Elif Kaya" };
  const thread = [
    mail(
      ME,
      elif,
      "2026-03-30T20:10:00Z",
      "Lena Fairbanks suggested I reach out",
      "Dear Elif,\n\nLena Fairbanks, who teaches my course, suggested I get in touch with you. I'm trying to understand\nhow research works on health and wellness apps in particular. If you have a spare 20 minutes for a call\nsometime this month, I'd value it.\n\nWith thanks,\nTessa Lindqvist\nScience teacher, Maple Grove",
    ),
    mail(
      elif,
      ME,
      "2026-03-31T14:22:00Z",
      "RE: Lena Fairbanks suggested I reach out",
      "Hi Tessa,\n\nHappy to. I'll send a calendar invite with a video link.\n\nBest,\nElif\n\nElif Kaya | Head of Research, Harborlight",
    ),
    mail(
      ME,
      elif,
      "2026-03-31T20:30:00Z",
      "Re: Lena Fairbanks suggested I reach out",
      "Great — thank you, Elif. I'll let you know how it goes with my portfolio.\n\nTessa",
    ),
  ];

  it("reads the ask, its length and medium, the referrer, the greeting, the organisation as written", () => {
    const facts = deriveThreadFacts(thread, [ME.address]);
    expect(facts).toMatchObject({
      language: "en",
      ask: { kind: "clause", text: "how research works on health and wellness apps in particular" },
      duration: { minutes: 20, text: "20 minutes" },
      askMedia: [],
      heldMedium: "video",
      referredBy: "Lena Fairbanks",
      greetings: { [elif.address]: "Dear Elif," },
      signedNames: { [elif.address]: "Elif" },
      organisations: { [elif.address]: "Harborlight" },
      userRole: { text: "Science teacher, Maple Grove", from: ME.address },
    });
    // a promise to report back is not a question
    expect(facts?.ask?.text).not.toMatch(/portfolio/);
  });

  it("keeps nothing but short phrases", () => {
    const facts = deriveThreadFacts(thread, [ME.address]);
    const texts = JSON.stringify(facts).match(/"[^"]*"/g) ?? [];
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(122);
    expect(JSON.stringify(facts)).not.toContain("calendar invite");
  });

  it("never makes an organisation up from a domain", () => {
    const chen = { address: "chen@sunrise-energy.example.com", name: "Chen Wu" };
    const facts = deriveThreadFacts(
      [
        mail(
          ME,
          chen,
          "2026-04-01T10:00:00Z",
          "Question",
          "Hi Chen,\n\nWould you have 15 minutes to tell me about your path?\n\nTessa",
        ),
      ],
      [ME.address],
    );
    expect(facts?.organisations).toEqual({});
    expect(facts?.ask).toEqual({ kind: "topic", text: "your path" });
  });

  it("reads German formally: greeting as written, 'eine halbe Stunde', the phone", () => {
    const maass = { address: "friederike.maass@gruenwert-advisory.example", name: "Dr. Friederike Maaß" };
    const facts = deriveThreadFacts(
      [
        mail(
          ME,
          maass,
          "2027-05-03T08:47:00Z",
          "Vorstellung",
          "Sehr geehrte Frau Dr. Maaß\n\nIch würde sehr gerne von Ihnen hören, wie Sie selbst den Schritt aus der Kanzlei in die Beratung erlebt haben, und was Sie erwarten. Hätten Sie eine halbe Stunde Zeit, gerne telefonisch?\n\nFreundliche Grüsse\nTessa Lindqvist",
        ),
        mail(
          maass,
          ME,
          "2027-05-04T19:02:00Z",
          "AW: Vorstellung",
          "Liebe Frau Lindqvist,\n\ngerne. Ich rufe Sie an.\n\nBeste Grüße\nFriederike Maaß\n\nDr. Friederike Maaß\nPartnerin | Regulatory & Governance\nGrünwert Advisory GmbH",
        ),
      ],
      [ME.address],
    );
    expect(facts).toMatchObject({
      language: "de",
      formal: true,
      ask: { kind: "clause", text: "wie Sie selbst den Schritt aus der Kanzlei in die Beratung erlebt haben" },
      duration: { minutes: 30, text: "eine halbe Stunde" },
      askMedia: ["phone"],
      heldMedium: "phone",
      greetings: { [maass.address]: "Sehr geehrte Frau Dr. Maaß" },
      organisations: { [maass.address]: "Grünwert Advisory" },
      userClosing: "Freundliche Grüsse",
      userSignedAs: "Tessa Lindqvist",
    });
  });

  it("reads French, Spanish and Portuguese asks, registers and lengths", () => {
    const fr = deriveThreadFacts(
      [
        mail(
          ME,
          { address: "nadia@popote.example.fr", name: "Nadia Benali" },
          "2027-01-05T09:00:00Z",
          "Question",
          "Bonjour Madame Benali,\n\nAccepteriez-vous de m'accorder une vingtaine de minutes, en visio, pour me raconter comment vous êtes passée de la restauration aux opérations ?\n\nBien cordialement,\nTessa",
        ),
      ],
      [ME.address],
    );
    expect(fr).toMatchObject({
      language: "fr",
      formal: true,
      ask: { kind: "clause", text: "comment vous êtes passée de la restauration aux opérations" },
      duration: { minutes: 20, text: "une vingtaine de minutes" },
      askMedia: ["video"],
    });
    const es = deriveThreadFacts(
      [
        mail(
          ME,
          { address: "av@atalaya.example", name: "Andrés Villalba" },
          "2027-10-19T09:00:00Z",
          "Consulta",
          "Estimado Sr. Villalba:\n\n¿Podría dedicarme veinte minutos, por teléfono o videollamada, para contarme qué perfiles busca en su equipo y qué le recomendaría a alguien como yo?\n\nUn cordial saludo,\nTessa",
        ),
      ],
      [ME.address],
    );
    expect(es).toMatchObject({
      language: "es",
      formal: true,
      ask: { kind: "clause", text: "qué perfiles busca en su equipo" },
      duration: { minutes: 20, text: "veinte minutos" },
      askMedia: ["phone", "video"],
      greetings: { "av@atalaya.example": "Estimado Sr. Villalba:" },
    });
    const pt = deriveThreadFacts(
      [
        mail(
          ME,
          { address: "rafa@sulgas.example", name: "Rafael Zanella" },
          "2027-08-20T09:00:00Z",
          "Oi!",
          "Oi Rafael, tudo bem?\n\nA Carol Duarte me indicou teu nome. Tu teria 20 minutinhos pra me contar como é o trabalho de compliance numa empresa de energia? Pode ser por telefone.\n\nAbraço,\nTessa",
        ),
      ],
      [ME.address],
    );
    expect(pt).toMatchObject({
      language: "pt",
      tu: true,
      ask: { kind: "clause", text: "como é o trabalho de compliance numa empresa de energia" },
      duration: { minutes: 20, text: "20 minutinhos" },
      referredBy: "Carol Duarte",
      greetings: { "rafa@sulgas.example": "Oi Rafael," },
    });
  });

  it("tells languages drafts are not written in, and returns nothing without bodies", () => {
    const ja = deriveThreadFacts(
      [
        mail(
          ME,
          { address: "m.takahashi@factorial.example", name: "高橋 誠" },
          "2027-06-17T00:00:00Z",
          "ご相談",
          "高橋 誠 様\n\nお世話になっております。30分ほどお時間をいただけないでしょうか。\n\n森下",
        ),
      ],
      [ME.address],
    );
    expect(ja?.language).toBe("ja");
    expect(ja?.greetings).toEqual({ "m.takahashi@factorial.example": "高橋 誠 様" });
    const zh = deriveThreadFacts(
      [
        mail(
          ME,
          { address: "wang@huilv.example", name: "王小明" },
          "2027-07-17T02:05:00Z",
          "Re: 很高兴认识你",
          "王先生您好，\n\n谢谢您的来信和简报！很高兴在峰会上认识您。\n\nRachel",
        ),
      ],
      [ME.address],
    );
    expect(zh).toMatchObject({ language: "zh", greetings: { "wang@huilv.example": "王先生您好，" } });
    const headersOnly = thread.map((m) => ({ ...m, bodyText: undefined }));
    expect(deriveThreadFacts(headersOnly, [ME.address])).toBeNull();
  });
});

describe("what was asked, read in more places and languages", () => {
  const ana = { address: "ana@exemplo.example", name: "Ana Souto" };
  const ask = (subject: string, text: string, language: string) =>
    deriveThreadFacts([mail(ME, ana, "2026-02-01T10:00:00Z", subject, text)], [ME.address])?.ask ??
    `nothing (${language})`;

  it("keeps a question that ends on an accented word, and one behind an aside", () => {
    expect(
      ask(
        "Oi",
        "Oi Ana,\n\nGostaria de entender, no dia a dia, como funciona a gestão de um ensaio clínico. Teria 20 minutos?\n\nTessa",
        "pt",
      ),
    ).toEqual({
      kind: "clause",
      text: "como funciona a gestão de um ensaio clínico",
    });
    expect(
      ask(
        "Oi",
        "Oi Ana,\n\nAdoraria saber como foi a tua transição, se tiveres um tempinho para um café.\n\nTessa",
        "pt",
      ),
    ).toEqual({
      kind: "clause",
      text: "como foi a tua transição",
    });
  });

  it("takes the subject's topic when the message itself names none", () => {
    expect(
      ask(
        "um café pra falar da vida de analista?",
        "Oi Ana, tudo bem? Topas um café semana que vem? Eu pago!\n\nbjs",
        "pt",
      ),
    ).toEqual({
      kind: "topic",
      text: "a vida de analista",
    });
  });

  it("reads the user's request quoted under a reply when the outreach itself is not in the mailbox", () => {
    const reply = [
      "¡Perfecto, Ana! El martes me va bien.",
      "",
      "El lun, 1 feb 2026 a las 10:00, Tessa Lindqvist (<tessa@example.com>) escribió:",
      "> Hola, Ana:",
      ">",
      "> Me encantaría preguntarte cómo es el trabajo de una investigadora en una aseguradora. ¿Tendrías media hora?",
      ">",
      "> Un saludo,",
      "> Tessa",
    ].join("\n");
    const facts = deriveThreadFacts([mail(ME, ana, "2026-02-03T10:00:00Z", "Re: Una pregunta", reply)], [ME.address]);
    expect(facts?.ask).toEqual({ kind: "clause", text: "cómo es el trabajo de una investigadora en una aseguradora" });
    expect(facts?.duration).toMatchObject({ minutes: 30 });
  });

  it("reads a Japanese ask: what comes before について伺う or をお聞きする, without its lead-in clause", () => {
    const ja = (text: string) => ask("ご相談", `佐藤様\n\n${text}\n\n何卒よろしくお願いいたします。\n\nTessa`, "ja");
    expect(
      ja("物流業界でデータ分析をされている佐藤様に、現場からデータ職へ移られた経緯について伺えれば幸いです。"),
    ).toEqual({
      kind: "topic",
      text: "現場からデータ職へ移られた経緯",
    });
    expect(
      ja("30分ほどお話を伺えないでしょうか。最初の一年で学ばれたことや、役に立った経験をお聞きできれば幸いです。"),
    ).toEqual({
      kind: "topic",
      text: "最初の一年で学ばれたことや、役に立った経験",
    });
  });
});

it("reads a Chinese ask: what follows 听听您 or 请教, up to its first comma", () => {
  const facts = deriveThreadFacts(
    [
      mail(
        ME,
        { address: "li@example.cn", name: "李华" },
        "2026-02-01T10:00:00Z",
        "请教",
        "李老师您好，\n\n我很想听听您从教学转到产品设计的经历，以及入行时最需要的能力。请问下周方便视频聊30分钟左右吗？\n\n谢谢！\nTessa",
      ),
    ],
    [ME.address],
  );
  expect(facts).toMatchObject({
    language: "zh",
    ask: { kind: "topic", text: "从教学转到产品设计的经历" },
    duration: { minutes: 30, text: "30分钟左右" },
  });
});

it("reads a Korean ask: what comes before 에 대해 여쭙다, after any lead-in", () => {
  const facts = deriveThreadFacts(
    [
      mail(
        ME,
        { address: "park@example.kr", name: "박서연" },
        "2026-02-01T10:00:00Z",
        "문의",
        "박서연님, 안녕하세요.\n\n김민준입니다. 링크드인에서 글을 보고, 디자이너에서 프로덕트 매니저로 옮기신 과정에 대해 여쭙고 싶어 연락드렸습니다. 20분 정도 시간 괜찮으실까요?\n\n감사합니다.",
      ),
    ],
    [ME.address],
  );
  expect(facts).toMatchObject({
    language: "ko",
    ask: { kind: "topic", text: "디자이너에서 프로덕트 매니저로 옮기신 과정" },
    duration: { minutes: 20, text: "20분 정도" },
  });
});

it("takes a Polish thread for Polish, not Portuguese (its drafts are then English)", () => {
  const facts = deriveThreadFacts(
    [
      mail(
        ME,
        { address: "marek@example.pl", name: "Marek Nowak" },
        "2026-02-01T10:00:00Z",
        "Kawa?",
        "Cześć Marek,\n\nwidziałam, że od roku pracujesz jako analityk danych. Myślę o przejściu z logistyki do danych i chętnie posłucham, jak to u Ciebie wyglądało. Masz czas na kawę w przyszłym tygodniu?\n\nAsia",
      ),
    ],
    [ME.address],
  );
  expect(facts?.language).toBe("pl");
});

describe("parseThreadFacts", () => {
  it("reads stored facts back and refuses what is not facts", () => {
    const facts = deriveThreadFacts(
      [
        mail(
          ME,
          { address: "a@b.example", name: "Ann Bee" },
          "2026-01-01T00:00:00Z",
          "Hi",
          "Hi Ann,\n\nCould I ask you about your path into design?\n\nTessa",
        ),
      ],
      [ME.address],
    );
    expect(parseThreadFacts(JSON.parse(JSON.stringify(facts)))).toEqual(facts);
    expect(parseThreadFacts(null)).toBeNull();
    expect(parseThreadFacts({ v: 2 })).toBeNull();
    expect(parseThreadFacts({ v: 1, ask: { kind: "poem", text: "x" }, greetings: { a: 3 } })).toMatchObject({
      ask: null,
      greetings: {},
      askMedia: [],
    });
  });
});
