import { describe, expect, it } from "vitest";
import { extractAgreedMeetings, pinDayOfMonth, type TimedMessage } from "../../src/domain/agreed-time.js";
import { normalizeProse, proseLanguage } from "../../src/domain/prose-dates.js";
import { syncCpuMillis } from "../support/cpu-time.js";

describe("agreed times with a weekday and a day of the month", () => {
  it("the explicit date wins over the weekday", () => {
    const text = pinDayOfMonth("Friday the 12th at 12:30 works", new Date("2026-06-05T14:00:00Z"), "America/Sao_Paulo");
    expect(text.startsWith("June 12, 2026")).toBe(true);
    expect(text.length).toBe("Friday the 12th at 12:30 works".length);
  });

  it("a later bare weekday confirmation keeps the explicit date", () => {
    const r = extractAgreedMeetings(
      [
        {
          messageId: "a",
          date: new Date("2026-06-04T10:55:00Z"),
          sentByUser: true,
          text: "Would you have 15 minutes?",
        },
        {
          messageId: "b",
          date: new Date("2026-06-05T14:20:00Z"),
          sentByUser: false,
          text: "Happy to. Friday the 12th at 12:30 works, I'll call you.",
        },
        { messageId: "c", date: new Date("2026-06-05T14:52:00Z"), sentByUser: true, text: "Great, Friday 12:30 then!" },
      ],
      "America/Sao_Paulo",
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-06-12T15:30:00.000Z");
  });

  it("a weekday with a later day of the month is not read a week early", () => {
    const r = extractAgreedMeetings(
      [
        {
          messageId: "a",
          date: new Date("2026-09-17T01:00:00Z"),
          sentByUser: true,
          text: "Could we set up a quick call?",
        },
        {
          messageId: "b",
          date: new Date("2026-09-17T14:15:00Z"),
          sentByUser: false,
          text: "Yep. Friday the 25th at noon?",
        },
        { messageId: "c", date: new Date("2026-09-17T14:30:00Z"), sentByUser: true, text: "Friday at noon works." },
        {
          messageId: "d",
          date: new Date("2026-09-24T22:00:00Z"),
          sentByUser: false,
          text: "Still good for tomorrow at noon?",
        },
      ],
      "America/Denver",
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-09-25T18:00:00.000Z");
  });

  it("reads a day-first numeric date after a weekday in another language", () => {
    const r = extractAgreedMeetings(
      [
        {
          messageId: "a",
          date: new Date("2026-03-16T08:30:00Z"),
          sentByUser: true,
          text: "Könnten wir 20 Minuten telefonieren?",
        },
        {
          messageId: "b",
          date: new Date("2026-03-17T11:00:00Z"),
          sentByUser: false,
          text: "gerne! Donnerstag, 26.3., um 17:30 Uhr?",
        },
        {
          messageId: "c",
          date: new Date("2026-03-17T11:30:00Z"),
          sentByUser: true,
          text: "Passt! Meine Nummer: 0176 5550 1234.",
        },
      ],
      "Europe/Berlin",
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-03-26T16:30:00.000Z");
  });
});

/** A thread as [who, sent at (ISO), text]; "me" is the user. */
type Line = ["me" | "them", string, string];

function thread(lines: readonly Line[]): TimedMessage[] {
  return lines.map(([who, at, text], i) => ({
    messageId: `m${i}`,
    date: new Date(at),
    sentByUser: who === "me",
    text,
  }));
}

const ASK = "Would you have time for a short call about your work?";

interface AgreedCase {
  name: string;
  zone: string;
  lines: Line[];
  /** The agreed start (UTC), or null when nothing was agreed. */
  start: string | null;
}

const AGREED: AgreedCase[] = [
  {
    name: "en: a weekday a week on, with its day of the month, and the time a few words later",
    zone: "Europe/London",
    lines: [
      ["me", "2026-06-08T09:00:00Z", "Would you have half an hour for a coffee in the next couple of weeks?"],
      ["them", "2026-06-08T12:00:00Z", "Happy to. Friday week, the 19th? I could do 8.15 before the office gets busy."],
      ["me", "2026-06-08T12:30:00Z", "Perfect, see you on the 19th at 8.15."],
    ],
    start: "2026-06-19T07:15:00.000Z",
  },
  {
    name: "en: British 'half twelve'",
    zone: "Europe/London",
    lines: [
      ["me", "2026-06-08T09:00:00Z", ASK],
      ["them", "2026-06-09T10:00:00Z", "Could do Thursday, half twelve, at the café by the station?"],
      ["me", "2026-06-09T10:30:00Z", "Thursday works, thanks."],
    ],
    start: "2026-06-11T11:30:00.000Z",
  },
  {
    name: "en: 'tomorrow (Wed) at 4' — the named day wins, an afternoon hour",
    zone: "Europe/London",
    lines: [
      ["me", "2026-06-08T09:00:00Z", ASK],
      ["them", "2026-06-09T08:00:00Z", "Sorry, today is chaos. I'll call you tomorrow (Wed) at 4."],
    ],
    start: "2026-06-10T15:00:00.000Z",
  },
  {
    name: "de: 'morgen um halb neun'",
    zone: "Europe/Berlin",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Hätten Sie diese Woche kurz Zeit für ein Telefonat?"],
      ["them", "2026-03-16T15:00:00Z", "Gerne. Geht es bei Ihnen morgen um halb neun?"],
      ["me", "2026-03-16T15:20:00Z", "Passt, bis morgen!"],
    ],
    start: "2026-03-17T07:30:00.000Z",
  },
  {
    name: "de: weekday, article, day and month name, 'gegen 17 Uhr'",
    zone: "Europe/Berlin",
    lines: [
      ["me", "2026-06-01T07:00:00Z", "Darf ich Sie auf einen Kaffee einladen?"],
      ["them", "2026-06-01T09:00:00Z", "Sehr gern. Wie wäre es mit Dienstag, dem 9. Juni, gegen 17 Uhr?"],
      ["me", "2026-06-01T09:10:00Z", "Wunderbar, das ist notiert."],
    ],
    start: "2026-06-09T15:00:00.000Z",
  },
  {
    name: "fr: 'jeudi 14h30'",
    zone: "Europe/Paris",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Auriez-vous vingt minutes pour échanger ?"],
      ["them", "2026-03-16T10:00:00Z", "Appelons-nous plutôt : jeudi 14h30, ça vous irait ?"],
      ["me", "2026-03-16T10:05:00Z", "Ça marche, à jeudi !"],
    ],
    start: "2026-03-19T13:30:00.000Z",
  },
  {
    name: "fr: 'mardi prochain à 9h' is next week's Tuesday",
    zone: "Europe/Paris",
    lines: [
      ["me", "2026-11-20T08:00:00Z", "Seriez-vous disponible pour un café ?"],
      ["them", "2026-11-23T10:00:00Z", "Volontiers ! Mardi prochain à 9h, près de mon bureau ?"],
      ["me", "2026-11-23T10:30:00Z", "Parfait, c'est noté."],
    ],
    start: "2026-12-01T08:00:00.000Z",
  },
  {
    name: "fr: 'le 19 à 18h15', a day of the month without its month",
    zone: "Europe/Paris",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Auriez-vous un moment pour un appel ?"],
      ["them", "2026-03-16T09:00:00Z", "Je peux le 19 à 18h15, en visio."],
      ["me", "2026-03-16T09:30:00Z", "Parfait, merci !"],
    ],
    start: "2026-03-19T17:15:00.000Z",
  },
  {
    name: "es: '¿te va bien el jueves 28 a las 17:30?'",
    zone: "Europe/Madrid",
    lines: [
      ["me", "2026-05-18T08:00:00Z", "¿Tendrías media hora para un café?"],
      ["them", "2026-05-19T08:00:00Z", "¡Claro! ¿Te va bien el jueves 28 a las 17:30?"],
      ["me", "2026-05-19T09:00:00Z", "Perfecto, me va bien."],
    ],
    start: "2026-05-28T15:30:00.000Z",
  },
  {
    name: "es: 'el miércoles a las 6 de la tarde'",
    zone: "Europe/Madrid",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "¿Podríamos hablar un rato esta semana?"],
      ["them", "2026-03-16T09:00:00Z", "Sí, podemos hablar el miércoles a las 6 de la tarde."],
      ["me", "2026-03-16T09:30:00Z", "Vale, nos vemos el miércoles."],
    ],
    start: "2026-03-18T17:00:00.000Z",
  },
  {
    name: "es (Mexico): 'mañana a las 9 y media'",
    zone: "America/Mexico_City",
    lines: [
      ["me", "2026-03-16T15:00:00Z", "¿Te puedo llamar para hacerte unas preguntas?"],
      ["them", "2026-03-16T18:00:00Z", "¿Te marco mañana a las 9 y media?"],
      ["me", "2026-03-16T18:30:00Z", "Sí, perfecto."],
    ],
    start: "2026-03-17T15:30:00.000Z",
  },
  {
    name: "pt: 'quarta-feira, dia 23, às 8h30'",
    zone: "Europe/Lisbon",
    lines: [
      ["me", "2026-09-14T08:00:00Z", "Teria disponibilidade para um café?"],
      ["them", "2026-09-15T08:00:00Z", "Que tal quarta-feira, dia 23, às 8h30, antes do trabalho?"],
      ["me", "2026-09-15T09:00:00Z", "Combinado!"],
    ],
    start: "2026-09-23T07:30:00.000Z",
  },
  {
    name: "pt (Brazil): 'quinta às 18h'",
    zone: "America/Sao_Paulo",
    lines: [
      ["me", "2026-03-16T12:00:00Z", "Você teria meia hora para conversar?"],
      ["them", "2026-03-16T14:00:00Z", "Pode ser quinta às 18h?"],
      ["me", "2026-03-16T14:30:00Z", "Fechado, até quinta."],
    ],
    start: "2026-03-19T21:00:00.000Z",
  },
  {
    name: "pt: 'amanhã 9h30'",
    zone: "Europe/Lisbon",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Podemos falar esta semana?"],
      ["them", "2026-03-16T10:00:00Z", "Amanhã 9h30 fica bom para si?"],
      ["me", "2026-03-16T10:30:00Z", "Perfeito, até amanhã!"],
    ],
    start: "2026-03-17T09:30:00.000Z",
  },
  {
    name: "it: 'giovedì 12 alle 15'",
    zone: "Europe/Rome",
    lines: [
      ["me", "2026-03-09T08:00:00Z", "Avresti mezz'ora per un caffè?"],
      ["them", "2026-03-09T09:00:00Z", "Che ne dici di giovedì 12 alle 15?"],
      ["me", "2026-03-09T09:30:00Z", "Perfetto, a giovedì!"],
    ],
    start: "2026-03-12T14:00:00.000Z",
  },
  {
    name: "it: 'domani alle 10 e mezza'",
    zone: "Europe/Rome",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Possiamo sentirci questa settimana?"],
      ["them", "2026-03-16T09:00:00Z", "Certo. Domani alle 10 e mezza?"],
      ["me", "2026-03-16T09:30:00Z", "Va bene, grazie!"],
    ],
    start: "2026-03-17T09:30:00.000Z",
  },
  {
    name: "ja: '6月29日(火) 15時から'",
    zone: "Asia/Tokyo",
    lines: [
      ["me", "2027-06-21T01:00:00Z", "20分ほどお時間をいただけませんでしょうか。"],
      ["them", "2027-06-22T01:00:00Z", "6月29日(火) 15時からでいかがでしょうか。"],
      ["me", "2027-06-22T02:00:00Z", "承知しました。よろしくお願いいたします。"],
    ],
    start: "2027-06-29T06:00:00.000Z",
  },
  {
    name: "ja: '来週火曜日の14時' is next week's Tuesday",
    zone: "Asia/Tokyo",
    lines: [
      ["me", "2026-03-17T01:00:00Z", "お話を伺えればと存じます。"],
      ["them", "2026-03-18T01:00:00Z", "来週火曜日の14時はいかがですか。"],
      ["me", "2026-03-18T02:00:00Z", "了解しました。"],
    ],
    start: "2026-03-24T05:00:00.000Z",
  },
  {
    name: "ja: '明後日の10時半'",
    zone: "Asia/Tokyo",
    lines: [
      ["me", "2026-03-16T01:00:00Z", "お電話でお話しできますか。"],
      ["them", "2026-03-16T02:00:00Z", "明後日の10時半でお願いします。"],
    ],
    start: "2026-03-18T01:30:00.000Z",
  },
  {
    name: "en: 'the 8th' in a reply is the 8th named earlier in the thread, not the next 8th",
    zone: "Europe/London",
    lines: [
      ["me", "2026-11-02T09:00:00Z", ASK],
      ["them", "2026-11-04T10:00:00Z", "Busy month! How about Tuesday 8th December at 10? I'll send a Teams link."],
      ["me", "2026-11-04T11:00:00Z", "The 8th at 10 works, thank you!"],
    ],
    start: "2026-12-08T10:00:00.000Z",
  },
  {
    name: "en: a day and a time read apart are not paired across another date",
    zone: "Europe/London",
    lines: [
      ["me", "2026-03-16T09:00:00Z", ASK],
      ["them", "2026-03-16T10:00:00Z", "I'm away next week, but Monday 30 March at 4pm would work (3pm for me)."],
      ["me", "2026-03-16T11:00:00Z", "Perfect, thank you."],
    ],
    start: "2026-03-30T15:00:00.000Z",
  },
  {
    name: "en: the city named after the time sets its zone ('5pm Madrid time')",
    zone: "Europe/Lisbon",
    lines: [
      ["me", "2026-06-01T08:00:00Z", ASK],
      ["them", "2026-06-01T09:00:00Z", "Could we do Monday 15 June at 5pm Madrid time (4pm for you)?"],
      ["me", "2026-06-01T10:00:00Z", "Perfect, see you then."],
    ],
    start: "2026-06-15T15:00:00.000Z",
  },
  {
    name: "en: 'Pacific' after the time, the user in New York",
    zone: "America/New_York",
    lines: [
      ["me", "2026-11-02T14:00:00Z", ASK],
      ["them", "2026-11-03T17:00:00Z", "Does Friday 11/13 at 10am Pacific suit? That's 1pm your time."],
      ["me", "2026-11-03T18:00:00Z", "Friday at 1pm works, thanks!"],
    ],
    start: "2026-11-13T18:00:00.000Z",
  },
  {
    name: "en: 'at 18h' with the writer's city",
    zone: "Africa/Nairobi",
    lines: [
      ["me", "2026-03-16T06:00:00Z", ASK],
      ["them", "2026-03-16T07:00:00Z", "Thursday 19 March at 18h Nairobi time?"],
      ["me", "2026-03-16T08:00:00Z", "Perfect."],
    ],
    start: "2026-03-19T15:00:00.000Z",
  },
  {
    name: "pt: 'às 14h de Brasília (17h aí em Lisboa)', the user in Lisbon",
    zone: "Europe/Lisbon",
    lines: [
      ["me", "2026-03-02T10:00:00Z", "Teria meia hora para conversar por vídeo?"],
      ["them", "2026-03-02T14:00:00Z", "Pode ser na terça, dia 10, às 14h de Brasília (17h aí em Lisboa)?"],
      ["me", "2026-03-02T15:00:00Z", "Combinado, até terça!"],
    ],
    start: "2026-03-10T17:00:00.000Z",
  },
  {
    name: "fr: 'à 11h (heure de Dakar)', the user in Nairobi",
    zone: "Africa/Nairobi",
    lines: [
      ["me", "2026-03-16T06:00:00Z", "Auriez-vous un moment pour un appel ?"],
      ["them", "2026-03-16T09:00:00Z", "Je vous propose jeudi 19 à 11h (heure de Dakar), par Teams ?"],
      ["me", "2026-03-16T10:00:00Z", "Parfait, merci !"],
    ],
    start: "2026-03-19T11:00:00.000Z",
  },
  {
    name: "es: 'a la una' and the same day and hour repeated by the other side",
    zone: "Europe/Madrid",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "¿Me cuentas qué tal el cambio?"],
      ["them", "2026-03-16T09:00:00Z", "¿Un vermut el domingo a la una?"],
      ["me", "2026-03-16T10:00:00Z", "¡Claro! El domingo a la una."],
    ],
    start: "2026-03-22T12:00:00.000Z",
  },
  {
    name: "de: 'ist' after the time is a verb, not India's time zone",
    zone: "Europe/Berlin",
    lines: [
      ["me", "2026-03-09T08:00:00Z", "Hätten Sie Zeit für einen Kaffee?"],
      ["them", "2026-03-09T09:00:00Z", "Wie wäre es mit Mittwoch, 18. März, um 8 Uhr?"],
      ["me", "2026-03-09T10:00:00Z", "Der 18. März um 8 Uhr ist notiert."],
    ],
    start: "2026-03-18T07:00:00.000Z",
  },
  {
    name: "en: a window ('anytime after 2pm') is availability, not a time",
    zone: "Europe/London",
    lines: [
      ["me", "2026-03-16T09:00:00Z", ASK],
      ["them", "2026-03-16T10:00:00Z", "Sure. I'm free on Thursday anytime after 2pm."],
      ["me", "2026-03-16T11:00:00Z", "Great, thanks!"],
    ],
    start: null,
  },
  {
    name: "de: 'ab 17 Uhr' is availability, not a time",
    zone: "Europe/Berlin",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Hätten Sie kurz Zeit?"],
      ["them", "2026-03-16T09:00:00Z", "Ich bin am Donnerstag ab 17 Uhr erreichbar."],
      ["me", "2026-03-16T10:00:00Z", "Super, danke!"],
    ],
    start: null,
  },
  {
    name: "es: a time offered as availability, never accepted, is not agreed",
    zone: "Europe/Madrid",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "¿Tendrías un rato para hablar?"],
      ["them", "2026-03-16T09:00:00Z", "Estoy libre el jueves a las 17:00 si te viene bien."],
    ],
    start: null,
  },
];

describe("agreed times as people write them, in each language", () => {
  it.each(AGREED)("$name", ({ zone, lines, start }) => {
    const r = extractAgreedMeetings(thread(lines), zone, 30);
    expect(r.meetings[0]?.start ?? null).toBe(start);
  });
});

const AGREEMENT: Record<string, { zone: string; lines: Line[] }> = {
  fr: {
    zone: "Europe/Paris",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Auriez-vous un moment ?"],
      ["them", "2026-03-16T09:00:00Z", "Jeudi 19 mars à 10h ?"],
      ["me", "2026-03-16T09:30:00Z", "Parfait, merci !"],
    ],
  },
  es: {
    zone: "Europe/Madrid",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "¿Tendrías un rato?"],
      ["them", "2026-03-16T09:00:00Z", "¿El jueves 19 a las 10:00?"],
      ["me", "2026-03-16T09:30:00Z", "Perfecto."],
    ],
  },
  pt: {
    zone: "Europe/Lisbon",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Teria um momento?"],
      ["them", "2026-03-16T09:00:00Z", "Quinta, dia 19, às 10h?"],
      ["me", "2026-03-16T09:30:00Z", "Combinado."],
    ],
  },
  de: {
    zone: "Europe/Berlin",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Hätten Sie kurz Zeit?"],
      ["them", "2026-03-16T09:00:00Z", "Donnerstag, 19.3., um 10 Uhr?"],
      ["me", "2026-03-16T09:30:00Z", "Passt!"],
    ],
  },
  it: {
    zone: "Europe/Rome",
    lines: [
      ["me", "2026-03-16T08:00:00Z", "Avresti un momento?"],
      ["them", "2026-03-16T09:00:00Z", "Giovedì 19 alle 10?"],
      ["me", "2026-03-16T09:30:00Z", "Perfetto."],
    ],
  },
  ja: {
    zone: "Asia/Tokyo",
    lines: [
      ["me", "2026-03-16T01:00:00Z", "お時間をいただけますか。"],
      ["them", "2026-03-16T02:00:00Z", "3月19日(木) 10時はいかがでしょうか。"],
      ["me", "2026-03-16T03:00:00Z", "承知しました。"],
    ],
  },
};

const CANCELLED: [string, string][] = [
  ["fr", "Désolée, on doit reporter notre échange, j'ai un empêchement."],
  ["es", "Lo siento muchísimo, tengo que cancelar la llamada del jueves."],
  ["pt", "Peço imensa desculpa, mas preciso remarcar a nossa conversa."],
  ["de", "Leider müssen wir verschieben, mir ist etwas dazwischengekommen."],
  ["it", "Purtroppo devo annullare la nostra chiamata di giovedì."],
  ["ja", "申し訳ありませんが、木曜日の面談をキャンセルさせてください。"],
];

describe("a time agreed in each language, then called off", () => {
  it.each(CANCELLED)("%s: %s", (lang, text) => {
    const { zone, lines } = AGREEMENT[lang] as { zone: string; lines: Line[] };
    expect(extractAgreedMeetings(thread(lines), zone, 30).meetings).toHaveLength(1);
    const r = extractAgreedMeetings(thread([...lines, ["them", "2026-03-17T08:00:00Z", text]]), zone, 30);
    expect(r).toEqual({ meetings: [], cancelled: true });
  });

  it("a reschedule to a new time that is accepted keeps the new time", () => {
    const { zone, lines } = AGREEMENT.es as { zone: string; lines: Line[] };
    const r = extractAgreedMeetings(
      thread([
        ...lines,
        [
          "them",
          "2026-03-17T08:00:00Z",
          "Lo siento, tengo que cancelar el jueves. ¿Lo movemos al viernes 20 a las 12:30?",
        ],
        ["me", "2026-03-17T08:30:00Z", "Sin problema, el viernes a las 12:30 me va genial."],
      ]),
      zone,
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-03-20T11:30:00.000Z");
  });

  it("a new day 'at the same time' keeps the clock time agreed before", () => {
    const { zone, lines } = AGREEMENT.es as { zone: string; lines: Line[] };
    const r = extractAgreedMeetings(
      thread([
        ...lines,
        ["them", "2026-03-17T08:00:00Z", "Perdona, ¿lo pasamos al viernes 20 a la misma hora?"],
        ["me", "2026-03-17T08:30:00Z", "Perfecto."],
      ]),
      zone,
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-03-20T09:00:00.000Z");
  });

  it("a thank-you that talks about changing careers does not call the meeting off", () => {
    const { zone, lines } = AGREEMENT.pt as { zone: string; lines: Line[] };
    const r = extractAgreedMeetings(
      thread([
        ...lines,
        ["me", "2026-03-19T12:00:00Z", "Muito obrigada pela conversa! Preciso mudar de área e ajudou muito."],
      ]),
      zone,
      30,
    );
    expect(r.cancelled).toBe(false);
    expect(r.meetings).toHaveLength(1);
  });
});

describe("prose dates", () => {
  it.each([
    ["Thursday at 2pm works for me, see you then", "en"],
    ["Gerne, passt es Ihnen am Donnerstag um 17 Uhr?", "de"],
    ["Avec plaisir, je vous appelle jeudi à 14h", "fr"],
    ["¡Claro! ¿Te va bien el jueves a las 17:30?", "es"],
    ["Claro, pode ser na quinta às 18h? Fico a aguardar.", "pt"],
    ["Certo, ci sentiamo giovedì alle 15, va bene?", "it"],
    ["来週火曜日の14時はいかがですか。", "ja"],
    ["6月29日(火) 15:00〜", "ja"],
  ])("tells the language of %j", (text, lang) => {
    expect(proseLanguage(text)).toBe(lang);
  });

  it.each([
    ["pt", "quarta-feira, dia 23, às 8h30", "23/09/2026 , às 8:30"],
    ["es", "el miércoles a las 6 de la tarde", "el miércoles a las 18:00"],
    ["de", "morgen um halb neun", "morgen um 8:30"],
    ["de", "Donnerstag, 26.3., um 17.30 Uhr", "26.03.2027 , um 17:30 Uhr"],
    ["fr", "mardi 22 à midi et demi", "22/09/2026 à 12:30"],
    ["it", "giovedì ore 15", "giovedì alle 15"],
    ["en", "quarter to ten on Friday the 18th", "9:45 on September 18, 2026"],
    ["ja", "２９日（火）１５時", "2026年9月29日15時"],
  ])("%s: rewrites %j", (lang, text, want) => {
    const ref = new Date("2026-09-14T10:00:00Z");
    // shorter rewrites are padded with spaces; the parser reads runs of spaces as one
    expect(
      normalizeProse(text, lang as "en", ref, "Europe/Lisbon")
        .replace(/\s+/g, " ")
        .trim(),
    ).toBe(want);
  });
});

describe("bounded work on hostile input", () => {
  const hostile = [
    "a".repeat(100_000),
    " ".repeat(100_000),
    "1".repeat(100_000),
    "1.".repeat(50_000),
    "12/".repeat(33_000),
    "日".repeat(100_000),
    "jeudi 12 ".repeat(11_000),
    "Donnerstag, der 3. ".repeat(5_000),
    "halb ".repeat(20_000),
    "dia 23, às 8h30 ".repeat(6_000),
    "quarta-feira que vem ".repeat(5_000),
    "el 28 de la tarde y media ".repeat(4_000),
    "来週火曜日の14時".repeat(10_000),
  ];
  it.each(hostile.map((h) => [h.slice(0, 20), h]))("%j… takes under 100 ms", (_label, text) => {
    const spent = syncCpuMillis(() => {
      proseLanguage(text);
      for (const lang of ["en", "de", "fr", "es", "pt", "it", "ja"] as const)
        normalizeProse(text.slice(0, 1500), lang, new Date("2026-03-16T10:00:00Z"), "Europe/Paris");
      extractAgreedMeetings(
        thread([
          ["me", "2026-03-16T08:00:00Z", text],
          ["them", "2026-03-16T09:00:00Z", text],
        ]),
        "Europe/Paris",
        30,
      );
    });
    expect(spent).toBeLessThan(100);
  });
});
