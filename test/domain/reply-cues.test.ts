import { describe, expect, it } from "vitest";
import { ACCEPTANCE, CANCELLATION, isAutoReply, isDecline, isDoNotContact } from "../../src/domain/reply-cues.js";
import { foldText } from "../../src/domain/text-signals.js";
import { syncCpuMillis } from "../support/cpu-time.js";

const accepts = (text: string): boolean => ACCEPTANCE.test(foldText(text));
const cancels = (text: string): boolean => CANCELLATION.test(foldText(text));
const declines = (text: string): boolean => isDecline(foldText(text));
const refuses = (text: string): boolean => isDoNotContact(foldText(text));

/** [language, text, expected] */
type Row = [string, string, boolean];

const ACCEPTANCES: Row[] = [
  ["en", "Thursday at 2pm works, see you then.", true],
  ["en", "Could you tell me more about the role?", false],
  ["de", "Passt, bis Donnerstag!", true],
  ["de", "Das ist notiert, ich freue mich.", true],
  ["de", "Donnerstag passt mir leider nicht.", false],
  ["de", "Könnten wir nächste Woche telefonieren?", false],
  ["fr", "Ça marche, à jeudi !", true],
  ["fr", "Parfait, c'est noté.", true],
  ["fr", "Ca me convient tres bien.", true],
  ["fr", "J'espère que vous allez très bien, j'ai entendu parler de votre parcours.", false],
  ["fr", "Je suis en congé jusqu'à lundi.", false],
  ["es", "Perfecto, me va bien.", true],
  ["es", "Vale, nos vemos el jueves.", true],
  ["es", "Queda agendado, te mando la invitación.", true],
  ["es", "El jueves no me va bien.", false],
  ["es", "Creo que vale la pena hablar con ella.", false],
  ["pt", "Combinado!", true],
  ["pt", "Fechado, até quinta.", true],
  ["pt", "Otimo, convite aceite.", true],
  ["pt", "Acho que vale a pena fazer o curso.", false],
  ["it", "Perfetto, va bene per me.", true],
  ["it", "D'accordo, ci sentiamo giovedì.", true],
  ["it", "Ti scrivo per chiederti un consiglio.", false],
  ["ja", "了解しました。", true],
  ["ja", "承知しました。当日よろしくお願いいたします。", true],
  ["ja", "ご相談させていただきたく、ご連絡いたしました。", false],
];

const CANCELLATIONS: Row[] = [
  ["en", "So sorry, I have to cancel our call tomorrow.", true],
  ["de", "Ich muss unseren Termin morgen leider absagen.", true],
  ["de", "Leider müssen wir verschieben.", true],
  ["de", "Wenn es nicht passt, einfach verschieben.", false],
  ["fr", "Désolée, on doit reporter notre rendez-vous.", true],
  ["fr", "Est-ce qu'on peut décaler à vendredi ?", true],
  ["fr", "Je vous écris pour reporter ma candidature à plus tard.", false],
  ["fr", "J'ai un empêchement de dernière minute.", true],
  ["fr", "C'est noté pour jeudi. En cas d'empêchement, prévenez-moi.", false],
  ["es", "Tengo que cancelar, me ha surgido un imprevisto.", true],
  ["es", "¿Lo movemos al viernes?", true],
  ["es", "Necesito cambiar de sector y me encantaría tu consejo.", false],
  ["es", "Te mando la invitación; si no te queda bien, me dices y lo movemos.", false],
  ["pt", "Preciso remarcar a nossa conversa.", true],
  ["pt", "Mil desculpas, surgiu uma reunião e não vou conseguir ir.", true],
  ["pt", "Preciso mudar de área e gostava do seu conselho.", false],
  ["it", "Purtroppo devo annullare il nostro caffè.", true],
  ["it", "Possiamo spostare a lunedì?", true],
  ["it", "Vorrei cambiare settore.", false],
  ["ja", "明日の面談をキャンセルさせてください。", true],
  ["ja", "日程を変更していただけますか。", true],
  ["ja", "明日はよろしくお願いいたします。", false],
];

const DECLINES: Row[] = [
  ["en", "Unfortunately I'm not able to take on any calls this quarter.", true],
  ["en", "Unfortunately I can't do Thursday. How about Friday at 3pm?", false],
  ["de", "Leider geht es am Donnerstag nicht, aber Freitag um 10 Uhr ginge.", false],
  ["en", "Sorry, but I'm not taking calls this year. (Office hours 9:00-17:00.)", true],
  ["de", "Leider habe ich im Moment keine Zeit für solche Gespräche.", true],
  ["de", "Ich muss Ihnen leider absagen.", true],
  ["de", "Vor Mitte Juni wird es leider nichts, melden Sie sich gerne dann noch einmal.", false],
  ["fr", "Malheureusement je ne pourrai pas vous aider, mon agenda est complet.", true],
  ["fr", "Malheureusement je ne pourrai pas ce mois-ci, recontactez-moi à la rentrée.", false],
  ["es", "Lamentablemente no tengo tiempo para reuniones estas semanas.", true],
  ["es", "Lamentablemente no.", true],
  ["es", "Lo siento, no había visto tu correo. ¡Claro que sí!", false],
  ["es", "Lamentablemente no puedo el jueves, ¿qué tal el viernes?", false],
  ["pt", "Infelizmente não vou conseguir ajudar neste momento.", true],
  ["pt", "Infelizmente não consigo este mês, mas daqui a umas semanas falamos.", false],
  ["it", "Purtroppo non ho tempo per incontri in questo periodo.", true],
  ["it", "Purtroppo non riesco questa settimana, riscrivimi più avanti.", false],
  ["ja", "大変恐縮ですが、個別にお時間をお取りすることが難しい状況です。", true],
  ["ja", "今月は難しいのですが、落ち着きましたら改めてご連絡いたします。", false],
];

const DO_NOT_CONTACT: Row[] = [
  ["en", "Please do not contact me again.", true],
  ["en", "Please contact me next week.", false],
  ["de", "Bitte kontaktieren Sie mich nicht mehr.", true],
  ["de", "Bitte kontaktieren Sie mich gerne nächste Woche.", false],
  ["fr", "Merci de ne plus me contacter.", true],
  ["fr", "Merci de me recontacter en janvier.", false],
  ["es", "Por favor no me vuelvas a escribir.", true],
  ["es", "Por favor, vuelve a escribirme en enero.", false],
  ["pt", "Por favor, não me volte a contactar.", true],
  ["pt", "Pare de me enviar mensagens.", true],
  ["pt", "Volte a contactar-me em janeiro.", false],
  ["it", "La prego di non contattarmi più.", true],
  ["it", "Mi contatti pure la settimana prossima.", false],
  ["ja", "今後このようなご連絡はご遠慮ください。", true],
  ["ja", "来月またご連絡ください。", false],
];

describe("reply cues in each language", () => {
  it.each(ACCEPTANCES)("acceptance (%s) %j → %s", (_lang, text, want) => expect(accepts(text)).toBe(want));
  it.each(CANCELLATIONS)("cancellation (%s) %j → %s", (_lang, text, want) => expect(cancels(text)).toBe(want));
  it.each(DECLINES)("decline (%s) %j → %s", (_lang, text, want) => expect(declines(text)).toBe(want));
  it.each(DO_NOT_CONTACT)("do-not-contact (%s) %j → %s", (_lang, text, want) => expect(refuses(text)).toBe(want));

  it.each([
    ["Automatic reply: coffee next week?", true],
    ["Abwesenheitsnotiz: Ihre Anfrage", true],
    ["Réponse automatique : échange", true],
    ["Respuesta automática: café", true],
    ["Resposta automática: conversa", true],
    ["Risposta automatica: caffè", true],
    ["自動返信: ご相談", true],
    ["Re: coffee next week?", false],
    ["Absences et congés : le guide", false],
  ])("auto reply subject %j → %s", (subject, want) => {
    expect(isAutoReply({}, subject)).toBe(want);
  });
});

describe("reply cues do bounded work on hostile input", () => {
  const units = [
    "a",
    " ",
    "á",
    "日",
    "unfortunately ",
    "leider nicht ",
    "malheureusement ",
    "lamentablemente no ",
    "infelizmente ",
    "purtroppo ",
    "muss ",
    "tengo que ",
    "bis ",
    "à ",
    "passt ",
    "お時間",
    "今後",
    "1",
    "1:",
  ];
  it.each(units)("100 KB of %j takes under 100 ms per cue", (unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    for (const check of [accepts, cancels, declines, refuses]) {
      expect(syncCpuMillis(() => check(text))).toBeLessThan(100);
    }
    expect(syncCpuMillis(() => isAutoReply({}, text))).toBeLessThan(100);
  });
});
