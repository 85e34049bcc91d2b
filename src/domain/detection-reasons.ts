/**
 * Reasons a person reads: each feature that moved the decision becomes one sentence naming who did what and
 * the words that showed it. The numbers stay in the assessment's `evidence` (shown by `--json`).
 */
import type { Decision } from "./detection-model.js";
import type { FeatureName, ThreadEvidence } from "./thread-evidence.js";

/** Contributions smaller than this are not worth a sentence. */
const NOTABLE = 0.35;

const quote = (m: string | undefined): string => (m ? ` ("${m}")` : "");

/** Sentences that are the same for every thread, followed by the words that showed them. */
const FIXED: Partial<Record<FeatureName, string>> = {
  req_connection: "It names a referral or how you know each other",
  after_thanks: "Someone thanks the other for a conversation",
  neg_hiring_contact: "It reads like a formal hiring process",
  neg_hiring_user: "You write about a formal hiring process",
  neg_recruiter_contact: "It reads like a recruiter's pitch",
  neg_recruiter_user: "Your own message reads like recruiting",
  neg_sales_contact: "It reads like a sales pitch",
  neg_sales_user: "Your own message reads like selling",
  neg_event: "It promotes an event",
  neg_programme: "It is programme or course logistics",
  neg_press: "It asks for an interview for the press or for research",
  neg_work: "It is about a work matter (a project, a client, a schedule), not a career",
  bulk_footer: "It has a newsletter or notification footer",
  absent_ask: "The first message answers an ask the mailbox lacks, named by its subject, and agrees to talk",
  req_no_ask: "Its career words ask for nothing: they tell news, answer or state a plan",
};

function sentence(feature: FeatureName, e: ThreadEvidence, who: string, value: number): string | null {
  const m = e.matches[feature];
  const seeker = e.direction === "seeker";
  const where = e.request?.quoted ? " in a message quoted in the thread" : "";
  const fixed = FIXED[feature];
  if (fixed) return `${fixed}${quote(m)}.`;
  switch (feature) {
    case "req_ask":
      return seeker
        ? `You asked ${who} for a conversation${where}${quote(m)}.`
        : `${who} asked you for a conversation${where}${quote(m)}.`;
    case "req_purpose":
      return seeker
        ? `The request is about ${who}'s path, work or advice${quote(m)}.`
        : `${who} wants to hear about your path, work or advice${quote(m)}.`;
    case "req_ask_purpose":
      return null; // the ask and purpose sentences say it
    case "req_quoted":
      return "The request survives only as quoted text (the original message is not in this mailbox).";
    case "host":
      return null; // the verdict line says who asked
    case "offer":
      return `${who} offered to talk or help${quote(m)}.`;
    case "update":
      return `You shared news with someone who helped you before${quote(m)}.`;
    case "intro":
      return `${e.introducer ?? "Someone"} introduced you to each other.`;
    case "known":
    case "known_talk":
      return `You already had a career conversation with ${e.knownContact ?? who}.`;
    case "known_user_opened":
      return `You wrote first, keeping in touch with ${e.knownContact ?? who}.`;
    case "replied":
      return `${seeker ? who : "You"} answered.`;
    case "agreed_time":
      return "A time to talk was agreed in the thread.";
    case "declined":
      return `${who} declined.`;
    case "bulk_headers":
      return `It is list or automated mail (${e.bulkHeaders.slice(0, 2).join("; ")}).`;
    case "not_involved":
      return "You are neither the sender nor a direct recipient.";
    case "recipients":
      return `It went to ${Math.round(2 ** value)} people, not one.`;
    case "colleague":
      return `${who} works in your own organisation.`;
    case "colleague_career":
      return `${who} works in your organisation, and the talk is about careers.`;
    case "host_career":
      return `${who} asks you about careers, not for something else.`;
    case "host_seeker":
      return `${who} is a student, a graduate or changing careers, and asks you.`;
    case "host_user_offer":
      return `You offered ${who} your time or help${quote(e.matches.host_user_offer)}.`;
    case "host_passed_on":
      return `You passed ${who}'s request on to someone else.`;
    case "role_mailbox":
      return `${who} is a shared mailbox (jobs@, newsletter@ and the like), not a person.`;
    default:
      return null; // the FIXED sentences
  }
}

/** The verdict first, then the sentences for the features that moved it most. */
export function explain(e: ThreadEvidence, d: Decision, who: string, maxSentences = 5): string[] {
  const pct = (Math.round(d.probability * 1000) / 10).toString();
  if (e.quick) {
    return e.bulkHeaders.length > 0
      ? [
          "Not informational: nobody asks for, offers, or thanks anyone for a conversation.",
          `It is list or automated mail (${e.bulkHeaders.slice(0, 2).join("; ")}).`,
        ]
      : ["Not informational: nobody asks for, offers, or thanks anyone for a conversation."];
  }
  const head = d.informational
    ? `Informational (${e.direction === "host" ? "you are the one asked" : "you asked"}; ${pct}% by the model):`
    : `Not informational (${pct}% by the model):`;
  const out = [head];
  const seen = new Set<string>();
  // who asked comes first when it counted, then the rest by weight
  const order = [...d.contributions].sort(
    (a, b) =>
      Number(b.feature === "req_ask" && b.contribution > 0) - Number(a.feature === "req_ask" && a.contribution > 0),
  );
  for (const c of order) {
    if (out.length > maxSentences) break;
    if (Math.abs(c.contribution) < NOTABLE) continue;
    const s = sentence(c.feature, e, who, c.value);
    if (s && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  if (out.length === 1)
    out.push(d.informational ? "Several small signs together." : "Nothing asks for a career conversation.");
  return out;
}
