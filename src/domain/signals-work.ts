/**
 * A work matter, not a career: a colleague's or a client's "coffee? I need your advice on the project", "can we go
 * over the budget", "deinen Rat zum Lastenheft", "tua opinião sobre o projeto". Such an ask carries the very words of
 * a career conversation (coffee, fifteen minutes, advice, your opinion), so what tells them apart is the object: a
 * piece of the work (a project, a client, a schedule, a contract, an invoice, a report) rather than the person's path
 * or field. Each pattern binds a help/opinion/meeting word to such an object within a few words; an object of a
 * career conversation (a CV, a portfolio, an application, a move) is never one of them. Written from how people
 * phrase work requests in each language, not from one message; the decision weighs it with everything else
 * (detection-model.ts), so a career talk that mentions a project still reads as one.
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

/** The things work is made of, in English: the object of a work request. */
const WORK_OBJECTS =
  "project|unit plan|lesson plans?|curriculum map|schedule|rota|roster|timetable|budget|forecast|contract|invoice|" +
  "proposal|report|deck|slides|audit|timeline|launch|release|rollout|migration|tender|bid|quote|order|" +
  "shipment|client|account|spec|specification|requirements|presentation|board paper|vendor|supplier|dispute|claim|" +
  "ticket|incident|outage|handover|rfp|sow|estimate|campaign|brief|pitch deck|workshop|agenda|board meeting|" +
  "quarterly review|reorg|restructure|headcount plan|shift pattern|exam schedule|grading|report cards|memo|" +
  "benchmark|management letter|engagement letter|req|requisition|hearing|bug|defect|month-end close|" +
  "year-end close|q[1-4] close|purchase order|payroll|board pack|minutes of";

/** "Project management", "account manager", "client services role": a field or a job, the object of a career talk. */
const NOT_A_FIELD =
  "(?! (management|manager|managers|lead|leads|coordinator|role|roles|position|positions|career|careers|field|track|path|world|side|work|jobs?|teams?|analysts?|officers?|executives?|directors?)\\b)";

/** English: read in every mail, like the rest of the English lexicon. */
export const WORK_TOPIC_EN: LexiconEntry = E(
  "work.topic",
  "work",
  -2,
  "is about a work matter (a project, a client, a schedule)",
  new RegExp(
    `\\b((advice|opinion|input|thoughts|eyes|help|feedback|sanity check|view|steer|sign-?off|pick your brain|brain) |` +
      `(call|chat|meeting|sync|catch-up|huddle)( [a-z]+)? )(on|about|with|regarding|re|for) (the |our |this |that |my |your |a |an |next week'?s |tomorrow'?s |friday'?s |` +
      `q[1-4] |new |upcoming |current )?([a-z0-9'-]+ ){0,2}(${WORK_OBJECTS})\\b${NOT_A_FIELD}|` +
      `\\b(go over|go through|walk through|run through|talk through|discuss|sort out|align on|sync on) ` +
      `(the |our |this |that |next week'?s |tomorrow'?s |q[1-4] |new |upcoming )([a-z0-9'-]+ ){0,2}(${WORK_OBJECTS})\\b${NOT_A_FIELD}`,
  ),
);

export const WORK_SIGNALS: readonly LexiconEntry[] = [
  E(
    "work.topic-other-language",
    "work",
    -2,
    "is about a work matter (a project, a client, a schedule; other languages)",
    words(
      // Portuguese: "preciso da tua opinião sobre o projeto", "uma ajuda com a proposta", "alinhar o cronograma"
      "(opinião|opiniao|ajuda|conselho|parecer|olhada|feedback|ideia|input) (sobre|no|na|nos|nas|com o|com a|pro|pra|para o|para a|do|da|em relação ao|em relação à) ([a-zà-ú]+ ){0,2}(projeto|cliente|proposta|orçamento|contrato|cronograma|relatório|apresentação|entrega|escala|planejamento|briefing|layout|campanha|fornecedor|fatura|nota fiscal|auditoria|licitação|deck)",
      "(alinhar|revisar|discutir|fechar|passar) (o|a|os|as) ([a-zà-ú]+ ){0,2}(projeto|proposta|orçamento|contrato|cronograma|entrega|escala|briefing|campanha|apresentação)",
      // Spanish
      "(opinión|consejo|ayuda|visto bueno|feedback) (sobre|con|para|respecto a|del|de la) (el |la |los |las |este |esta |nuestro |nuestra )?([a-zá-ú]+ ){0,2}(proyecto|cliente|propuesta|presupuesto|contrato|cronograma|informe|presentación|proveedor|factura|auditoría|licitación|entrega|horario|turnos)",
      "(revisar|repasar|cerrar|discutir|alinear) (el|la|los|las) ([a-zá-ú]+ ){0,2}(proyecto|propuesta|presupuesto|contrato|cronograma|informe|entrega|horario|turnos)",
      // German
      "(rat|meinung|einschätzung|input|hilfe|blick|feedback|freigabe|okay|ok) (zum|zur|zu|zu dem|zu der|bei|beim|für|fürs|wegen|bzgl\\.?|bezüglich) (dem |der |den |das |unserem |unserer |deinem |ihrem )?([a-zäöüß-]+ ){0,2}(projekt|lastenheft|pflichtenheft|angebot|budget|vertrag|zeitplan|bericht|präsentation|lieferanten?|kunden?|auftrag|konzept|entwurf|rechnung|prüfung|audit|schichtplan|dienstplan|stundenplan|release|meilenstein|ausschreibung|reklamation)",
      "(über|durch) (das|den|die|unser|unsere) ([a-zäöüß-]+ ){0,2}(projekt|lastenheft|angebot|budget|zeitplan|konzept|dienstplan|schichtplan) (sprechen|reden|gehen|schauen)",
      // French
      "(avis|conseil|aide|regard|coup de main|feu vert|validation) (sur|pour|concernant|à propos de|au sujet de|avec) (le |la |l'|les |notre |nos |ce |cette |mon |ma )?([a-zà-ÿ'-]+ ){0,2}(horaire|horaires|projet|dossier|budget|contrat|planning|rapport|présentation|client|fournisseur|facture|devis|audit|échéancier|appel d'offres|livrable|calendrier des|grille|quart|quarts)",
      // Italian
      "(parere|consiglio|aiuto|opinione|occhiata) (sul|sulla|sui|sulle|per il|per la|con il|con la) ([a-zà-ù]+ ){0,2}(progetto|cliente|preventivo|contratto|budget|cronoprogramma|relazione|presentazione|fornitore|fattura|gara|consegna|turni)",
      // Dutch
      "(advies|mening|hulp|blik|feedback|akkoord) (over|bij|op|voor|met) (het |de |ons |onze |dit |deze )?([a-z-]+ ){0,2}(project|klant|offerte|budget|contract|planning|rapport|presentatie|leverancier|factuur|aanbesteding|rooster)",
    ),
  ),
];
