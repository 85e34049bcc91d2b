/**
 * Cues read from replies and headers: declines, do-not-contact requests, cancellations, acceptances, bulk and
 * automatic-reply headers. Pure; every pattern is about what people write, not about one corpus.
 */

export const DECLINE =
  /\b(unfortunately|i'?m afraid|regret(fully)?|sadly|i'?m sorry but|sorry,? but)\b[^.!?]{0,140}\b(not (be )?(able|in a position)|unable|can'?t|cannot|won'?t be able|no longer|not taking|stopped taking|have to (decline|pass|say no)|not (doing|offering|accepting))\b|\bi'?d rather (say|tell you) (no|honestly)\b|\bhave to (decline|pass|say no)\b|\bnot taking (on )?(any )?(calls|meetings|coffees?|chats|requests)\b|\b(no|not doing|don'?t do) (any )?one[- ]on[- ]ones?\b|\bnot (able|in a position) to (take|do|help|meet|offer|accept)\b|\bmust decline\b|\b(going|have) to pass\b|\bi don'?t (take|do) (these|such|informational)\b/;
export const DECLINE_SOFTENERS =
  /\b(happy to (chat|talk|help|meet)|glad to|would love to|resched|another (time|day|week)|new time|new invite|next (week|month)|ping me|drop me a line|reach out again|circle back|get in touch (again|after)|after the \d|in (a few|two|three|2|3) (weeks|months)|later in the (year|month)|once (things|it) (calm|settle))\b/;
export const DO_NOT_CONTACT =
  /\b(please )?(don'?t|do not|stop) (contact|email|emailing|message|messaging|write to|writing to|reach(ing)? out to|follow(ing)? up with) me\b|\bremove me from\b|\bno further (contact|emails|messages)\b|\btake me off\b/;

export function isDecline(folded: string): boolean {
  return DECLINE.test(folded) && !DECLINE_SOFTENERS.test(folded);
}

export function isDoNotContact(folded: string): boolean {
  return DO_NOT_CONTACT.test(folded);
}

export const CANCELLATION =
  /\b(have to|need to|must|going to|had to|will have to) (cancel|reschedule|postpone|move|push)\b|\bcancel(l?ed|l?ing)? (our|the|this|my) (call|chat|coffee|meeting|conversation)\b|\bcan'?t make (it|our|the|tomorrow|today)\b|\bcall (it )?off\b/;

export const ACCEPTANCE =
  /\b(works( well| great| for me| perfectly)?|perfect|great|confirmed|see you( then| there)?|speak (to you )?then|talk (to you )?then|i'?ll (call|ring|phone) you|looking forward|sounds (good|great)|suits( me)?|i'?ll be there|that'?s fine|accepted|booked|it'?s a date|in the diary|on the calendar|i'?ve (sent|put)|i (sent|put)|sent (you )?(an? )?(calendar )?invite|passt|perfekt|einverstanden|abgemacht|combinado|fechado|perfeito|ótimo|de acordo|parfait|perfecto|vale)\b/;

/** Headers that mark list, bulk or automated mail. */
export function bulkHeaderReasons(headers: Record<string, string>, fromAddress: string | null): string[] {
  const out: string[] = [];
  if (headers["list-id"]) out.push("has a List-Id header (mailing list)");
  if (headers["list-unsubscribe"]) out.push("has a List-Unsubscribe header (bulk mail)");
  const prec = (headers.precedence ?? "").toLowerCase();
  if (/bulk|list|junk/.test(prec)) out.push(`Precedence: ${prec}`);
  const auto = (headers["auto-submitted"] ?? "").toLowerCase();
  if (auto && auto !== "no") out.push(`Auto-Submitted: ${auto}`);
  if (headers["x-campaign"] || headers["x-mailgun-campaign"] || headers["feedback-id"] || headers["x-sfmc-stack"])
    out.push("sent by a mailing service");
  if (
    fromAddress &&
    /^(no-?reply|do-?not-?reply|donotreply|notifications?|alerts?|news(letter)?s?|digest|mailer|bounces?|marketing|updates|automated|system)([.+_-][^@]*)?@/.test(
      fromAddress,
    )
  )
    out.push(`automated sender address (${fromAddress.split("@")[0]}@)`);
  return out;
}

/** Auto replies (out of office) never count as a reply from the contact. */
export function isAutoReply(headers: Record<string, string>, subject: string): boolean {
  const auto = (headers["auto-submitted"] ?? "").toLowerCase();
  if (auto.startsWith("auto-replied")) return true;
  if (headers["x-autoreply"] || headers["x-autorespond"]) return true;
  return /^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[aá]tica)\b/i.test(
    subject,
  );
}
