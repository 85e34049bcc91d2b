/**
 * Splits one plain-text body into the parts that carry different evidence: the author's own new text, their
 * signature block (sign-off, name, title, organisation, disclaimers, "we are hiring" footers) and the messages
 * they quote, each with the quoted author and recipients as the quote header names them.
 *
 * Why: words must count for the person who wrote them. A user whose signature says "Talent Acquisition" did not
 * write a recruiter pitch; a reply that quotes a contact's request is evidence about the contact's request.
 *
 * Quote headers recognised (any client, several languages): "On <date>, <name> wrote:" and its translations,
 * ">"-prefixed blocks, Outlook "From:/Sent:/To:/Subject:" blocks (and "Von:/De :/Da:/差出人:" …),
 * "-----Original Message-----", forwarded-message banners, and Lotus Notes' "Name@ORG <date>" and
 * "\"Name\" <addr> on <date>" headers. Linear in the input; the input is capped first.
 */

export interface QuotedPart {
  /** Display name from the quote header ("Ana Lima", "Kaminski, Vince J"), or "" when the header names none. */
  authorName: string;
  /** Address from the quote header, lower-cased, or null. */
  authorAddress: string | null;
  /** The header's To: line when it has one (raw text: names or addresses). */
  to: string;
  /** The quoted message's own text (its quote markers, deeper quotes and signature removed). */
  text: string;
}

export interface MessageParts {
  own: string;
  signature: string;
  quoted: QuotedPart[];
}

export interface SplitOptions {
  /** Characters of input read at most. */
  maxInput?: number;
  maxOwn?: number;
  maxQuoted?: number;
  /** Quoted messages kept at most (outermost first). */
  maxQuotes?: number;
}

const WROTE =
  /\b(wrote|writes|schrieb|a écrit|a ecrit|escribió|escribio|escreveu|scrisse|ha scritto|skrev|schreef|napisał|napisal|napisała|napisał\(a\)|pisze|geskryf|napsal|napsala|napsal\(a\)|kirjoitti|írta|yazdı|menulis|написал|написала)\s*:?\s*$|(写道|寫道|님이 작성|كتب|كتبت)\s*[:：]?\s*$|(?:^|\s)(đã viết|da viet)\s*:?\s*$|(?:^|\s)(пише|написав|написала|написав\(ла\)|написал)\s*:?\s*$|<[^>\s]+@[^>\s]+>\s*[:：]\s*$/i;
const WROTE_WORD =
  /\b(wrote|writes|schrieb|a écrit|a ecrit|escribió|escribio|escreveu|scrisse|ha scritto|skrev|schreef|napisał\(a\)|napisała|napisał|napisal|pisze|geskryf|napsal|kirjoitti|írta|yazdı|menulis)|(?<=^|\s)(пише|написав|написала)(?=\s|:|$)/gi;
const WROTE_START =
  /^\s*(on|am|le|el|em|il|op|den|w dniu|dnia|el día|no dia|pada|vào|vao)\b|^\s*(пн|вт|ср|чт|пт|сб|нд|понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя),|^\s*\d{4}[年/.-]|^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}/i;
const BANNER =
  /^\s*-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|weitergeleitete nachricht|message d'origine|message transféré|mensaje original|mensaje reenviado|mensagem original|mensagem encaminhada|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|forwarded by|original-nachricht|wiadomość oryginalna|oryginalna wiadomość|wiadomość przekazana|przekazana wiadomość|ursprungligt meddelande|vidarebefordrat meddelande|oprindelig meddelelse|videresendt meddelelse|videresendt besked|opprinnelig melding|videresendt melding|pesan asli|pesan terusan|mesej asal|mesej dimajukan|thư gốc|thư đã chuyển tiếp|thư chuyển tiếp|tin nhắn gốc|tin nhắn đã chuyển tiếp|(özgün|orijinal) (ileti|İleti|mesaj)|(iletilen|İletilen|yönlendirilen) (ileti|İleti|mesaj))\b.*$|^\s*-{2,}\s*(оригінальне повідомлення|початкове повідомлення|вихідне повідомлення|пересланий лист|переслане повідомлення|пересилане повідомлення).*$/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const HEADER_FROM =
  /^\s*\*?(from|von|de|da|van|från|fra|od|nadawca|dari|daripada|kimden|gönderen|từ|người gửi|від|відправник|من|差出人|보낸 사람|发件人|寄件者)\s*\*?\s*[:：]\s*(.+)$/i;
const HEADER_OTHER =
  /^\s*\*?(sent|date|gesendet|datum|envoyé|envoye|enviado|enviada(?: em)?|data|inviato|verzonden|skickat|sendt|to|an|à|a|para|per|aan|till|til|cc|subject|betreff|objet|asunto|assunto|oggetto|onderwerp|ämne|emne|wysłano|wysłane|do|temat|data|dikirim|tanggal|kepada|perihal|subjek|tarikh|gönderildi|gönderilme tarihi|tarih|kime|konu|bilgi|đã gửi|ngày gửi|ngày|gửi lúc|đến|người nhận|gửi tới|chủ đề|tiêu đề|надіслано|відправлено|дата|кому|копія|тема|تم الإرسال|التاريخ|إلى|الموضوع|نسخة|送信日時|宛先|件名|보낸 날짜|받는 사람|제목|发送时间|收件人|主题)\s*\*?\s*[:：]/i;
const HEADER_TO =
  /^\s*\*?(to|an|à|a|para|per|aan|till|til|do|kepada|kime|đến|người nhận|gửi tới|кому|إلى|宛先|받는 사람|收件人)\s*\*?\s*[:：]\s*(.*)$/i;
/** Lotus Notes: `"Name" <addr> on 05/21/2001 11:17:21 AM` or `Name@ORG on 05/21/2001 …`. */
const NOTES_ON = /^\s*(.{2,80}?)\s+on\s+\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}/i;
const NOTES_ON_WRAPPED = /^\s*(.{2,80}?)\s+on\s+\d{1,2}\/\d{1,2}\/\d{2,4}\s*$/i;
/** Lotus Notes: `Rob Wilson@ENRON` on one line, the date on the next. */
const NOTES_NAME = /^\s*([A-Za-z][\w .'-]{1,60})(?:\/[\w ./&-]{1,60})?@[A-Za-z][\w.-]{1,40}\s*$/;
const NOTES_DATE = /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}/;
/** Lotus Notes replying to outside mail: `"Kim, Amy" <akim@x.com>` alone on a line, the date on the next. */
const NOTES_ADDRESSED = /^\s*(?:"[^"]{1,80}"|[^<>"@\s][^<>"@]{0,79})\s*<[^<>\s@]+@[^<>\s@]+>\s*$/;
/** A Notes author inside the organisation: two to five capitalised words, maybe a /OU path, nothing else. */
const NOTES_LOCAL_NAME = /^\s*([A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){1,4})(?:\/[\w ./&-]{1,60})?\s*$/;
/** The rest of a wrapped banner: "PM ------" or "03:00 PM ------". */
const BANNER_TAIL = /^\s*(\d{1,2}:\d{2}(:\d{2})?\s*)?(am|pm)?\s*-{5,}\s*$/i;

const SIGNOFF =
  /^\s*(best|best wishes|best regards|all the best|kind regards|warm regards|warmest regards|warmly|regards|many thanks|thanks( so much| again| a lot)?|thank you( so much| again)?|cheers|sincerely|yours( sincerely| truly)?|respectfully|take care|talk soon|cordialement|bien cordialement|bien à vous|bonne journée|merci( beaucoup)?|amitiés|bises|à bientôt|saludos( cordiales)?|un saludo|muchas gracias|gracias|atentamente|un abrazo|abrazos?|abraço|abraços|atenciosamente|cumprimentos|melhores cumprimentos|obrigad[oa]|beijos?|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|viele grüße|viele grüsse|beste grüße|beste grüsse|liebe grüße|liebe grüsse|herzliche grüße|herzliche grüsse|grüße|grüsse|gruß|gruss|lg|vg|danke|cordiali saluti|saluti|un caro saluto|grazie|met vriendelijke groet|groeten|pozdrawiam( serdecznie)?|serdecznie pozdrawiam|pozdrowienia|z poważaniem|z wyrazami szacunku|asante|asante sana|kwaheri|mvh|med vänlig hälsning|med vänliga hälsningar|vänliga hälsningar|vänlig hälsning|hälsningar|hälsning|bästa hälsningar|ha det bra|kram|tack( igen| så mycket)?|hilsen|venlig hilsen|med venlig hilsen|vennlig hilsen|med vennlig hilsen|beste hilsen|mange tak|takk|tusen takk|salam|salam hangat|hormat saya|saygılarımla|sevgiler|selamlar|iyi çalışmalar|kolay gelsin|trân trọng( cảm ơn)?|tran trong|thân mến|than men|thân ái|than ai|thân|((em|mình|tôi|chị|anh|con|cháu) )?(xin |chân thành |trân trọng )?(cảm ơn|cám ơn|cam on)( anh| chị| anh chị| anh\/chị| em| bạn)?( nhiều| rất nhiều)?( ạ| nhé| nha)?|kính thư|chúc (anh|chị|em|bạn|anh chị|mọi người) (một )?(ngày|buổi|tuần|cuối tuần)( mới)? (tốt lành|vui vẻ|vui|an lành|hiệu quả|thành công)|з повагою|з найкращими побажаннями|з найкращими|щиро|щиро ваш[аі]?|щиро дякую|(дуже |велике |ще раз )?дякую( ще раз| заздалегідь| вам| за увагу)?|гарного (дня|вечора|тижня)|гарних вихідних|гарного дня та вдалого тижня|всього найкращого|всього доброго|на все добре|до зустрічі|до зв'язку|обіймаю|مع التحية|مع خالص التحية|تحياتي|مع الشكر|شكرا|شكراً|وشكرا|terima kasih|terimakasih|makasih|wassalam|(maraming )?salamat( po)?( ulit)?|ingat( po)?( kayo)?|よろしくお願いいたします|よろしくお願いします|宜しくお願い致します|敬具|감사합니다|고맙습니다|谢谢|此致|敬礼)[\s,.!—–-]*$/i;
/** Disclaimers and footers, in lower-cased text (without the case-insensitive flag it scans several times faster). */
const DISCLAIMER =
  /\b(confidential|privileged|intended (solely |only )?for (the (use of the )?)?(addressee|recipient|named)|if you (are not|have received this)|received this (e-?mail|message|communication) in error|disclaimer|vertraulich|nicht der richtige adressat|irrtümlich erhalten|confidentiel|destinataire|confidencial|destinatario|destinatário|riservat|no virus|virus[- ]free|think before you print|please consider the environment|we'?re hiring|we are hiring|join our team|open roles|careers page|stellenangebote|wir stellen ein)\b/;
const SENT_FROM =
  /^\s*(sent from my|sent from (outlook|mail) for|get outlook for|envoyé de mon|enviado desde mi|enviado do meu|dikirim dari|von meinem .{1,30} gesendet|iphoneから送信)/i;

/** Lines that look like a quote header start at `i` (returns how many lines the header spans, 0 if none). */
function quoteHeaderAt(
  lines: readonly string[],
  i: number,
): { span: number; name: string; address: string | null; to: string } | null {
  const line = lines[i] ?? "";
  if (line.length > 400) return null;
  // Cheap looks first (this runs on every line): banners need "-" or "_", header blocks a colon.
  if ((line.includes("-") && BANNER.test(line)) || (line.includes("_") && UNDERSCORES.test(line))) {
    // a banner is followed (maybe after blank lines) by a From: block, or by a Notes header; Notes wraps a long
    // banner ("… on 02/20/2000 05:51" / "PM -----"), so a dash-ended continuation line belongs to it
    let j = i + 1;
    if (BANNER_TAIL.test(lines[j] ?? "") && !/-\s*$/.test(line)) j++;
    while (j < lines.length && j < i + 5 && (lines[j] ?? "").trim() === "") j++;
    const block = outlookBlock(lines, j) ?? notesHeader(lines, j) ?? notesLocalHeader(lines, j);
    if (block) return { ...block, span: j - i + block.span };
    // "Forwarded by X" names who forwarded the message, not who wrote it: the author stays unknown
    return { span: BANNER_TAIL.test(lines[i + 1] ?? "") ? 2 : 1, name: "", address: null, to: "" };
  }
  const outlook = line.includes(":") || line.includes("：") ? outlookBlock(lines, i) : null;
  if (outlook) return outlook;
  const notes = notesHeader(lines, i) ?? notesLocalHeader(lines, i);
  if (notes) return notes;
  if (WROTE_START.test(line) || line.includes("@") || line.includes("<") || /\bwrote\b/i.test(line)) {
    // "On Tue, 3 Mar 2026 at 10:02, Ana Lima <ana@x.org> wrote:" — sometimes wrapped over two or three lines
    for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
      const joined = lines.slice(i, i + span).join(" ");
      if (joined.length > 500) break;
      if (
        WROTE.test(joined) &&
        (span === 1
          ? WROTE_START.test(line) ||
            /wrote|schrieb|écrit|escribió|escreveu|пише|написав|написала|写道|작성|كتب/i.test(line) ||
            datedAddress(joined)
          : WROTE_START.test(line) || datedAddress(joined))
      ) {
        const { name, address } = attributionAuthor(joined);
        return { span, name, address, to: "" };
      }
    }
  }
  return null;
}

/** A clock time and an address in angle brackets: "wt. 4 mar 2025 o 10:15 Krzysztof Lis <k@x.pl> napisał(a):". */
function datedAddress(text: string): boolean {
  return /\d{1,2}:\d{2}/.test(text) && /<[^>\s]+@[^>\s]+>/.test(text);
}

function outlookBlock(
  lines: readonly string[],
  i: number,
): { span: number; name: string; address: string | null; to: string } | null {
  const m = HEADER_FROM.exec(lines[i] ?? "");
  if (!m) return null;
  let j = i + 1;
  let others = 0;
  let to = "";
  while (j < lines.length && j < i + 8) {
    const l = lines[j] ?? "";
    if (HEADER_OTHER.test(l)) {
      others++;
      const t = HEADER_TO.exec(l);
      if (t && !to) to = (t[2] ?? "").trim();
      j++;
      continue;
    }
    // folded header continuation (Outlook wraps long To: lines)
    if (/^\s{2,}\S/.test(l) && others > 0) {
      j++;
      continue;
    }
    break;
  }
  if (others === 0) return null;
  const { name, address } = headerAuthor(m[2] ?? "");
  return { span: j - i, name, address, to };
}

function notesHeader(
  lines: readonly string[],
  i: number,
): { span: number; name: string; address: string | null; to: string } | null {
  const line = lines[i] ?? "";
  // Every Notes header names someone with "@" or quotes; the two "on <date>" shapes also carry a slashed date.
  const named = line.includes("@") || line.includes('"');
  if (!named) return null;
  const on = line.includes("/") ? NOTES_ON.exec(line) : null;
  if (on && /@|"/.test(on[1] ?? "")) {
    const { name, address } = headerAuthor(on[1] ?? "");
    const rest = notesRecipients(lines, i + 1);
    return { span: 1 + rest.span, name, address, to: rest.to };
  }
  // the same header wrapped: `"Name" <addr> on 08/02/2000` then `09:01:46 AM` on the next line
  const wrapped = line.includes("/") ? NOTES_ON_WRAPPED.exec(line) : null;
  if (wrapped && /@|"/.test(wrapped[1] ?? "") && /^\s*\d{1,2}:\d{2}/.test(lines[i + 1] ?? "")) {
    const { name, address } = headerAuthor(wrapped[1] ?? "");
    const rest = notesRecipients(lines, i + 2);
    return { span: 2 + rest.span, name, address, to: rest.to };
  }
  const nm = line.includes("@") ? NOTES_NAME.exec(line) : null;
  if (nm && NOTES_DATE.test(lines[i + 1] ?? "")) {
    const rest = notesRecipients(lines, i + 2);
    return { span: 2 + rest.span, name: (nm[1] ?? "").trim(), address: null, to: rest.to };
  }
  // a name and address alone, then the date, then the To:/cc:/Subject: lines (the whole shape, or it is prose)
  if (NOTES_ADDRESSED.test(line) && NOTES_DATE.test(lines[i + 1] ?? "")) {
    const rest = notesRecipients(lines, i + 2);
    if (rest.span === 0 || !rest.to) return null;
    const { name, address } = headerAuthor(line);
    return { span: 2 + rest.span, name, address, to: rest.to };
  }
  return null;
}

/**
 * Lotus Notes inside one organisation names the author without "@": `James D Steffes` on one line, the date on
 * the next, then To:/cc:/Subject: lines. Only that whole shape counts (a name and a date alone are prose).
 */
function notesLocalHeader(
  lines: readonly string[],
  i: number,
): { span: number; name: string; address: string | null; to: string } | null {
  const next = lines[i + 1] ?? "";
  if (!next.includes("/") || !NOTES_DATE.test(next)) return null;
  const nm = NOTES_LOCAL_NAME.exec(lines[i] ?? "");
  if (!nm) return null;
  const rest = notesRecipients(lines, i + 2);
  if (rest.span === 0 || !rest.to) return null;
  return { span: 2 + rest.span, name: (nm[1] ?? "").trim(), address: null, to: rest.to };
}

/** The To:/cc:/Subject: lines Lotus Notes puts under its header (indented, maybe after blank lines). */
function notesRecipients(lines: readonly string[], from: number): { span: number; to: string } {
  let j = from;
  let to = "";
  let seen = false;
  while (j < lines.length && j < from + 10) {
    const l = lines[j] ?? "";
    if (l.trim() === "") {
      j++;
      continue;
    }
    if (HEADER_OTHER.test(l)) {
      seen = true;
      const t = HEADER_TO.exec(l);
      if (t && !to) to = (t[2] ?? "").trim();
      j++;
      continue;
    }
    break;
  }
  return seen ? { span: j - from, to } : { span: 0, to: "" };
}

const ADDRESS = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

/** "Ana Lima <ana@x.org>", "\"Lima, Ana\" <ana@x.org>", "Ana Lima [mailto:ana@x.org]", "ana@x.org". */
function headerAuthor(text: string): { name: string; address: string | null } {
  const addr = ADDRESS.exec(text)?.[0]?.toLowerCase() ?? null;
  const name = text
    .replace(/\[mailto:[^\]]*\]/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(ADDRESS, "")
    .replace(/@[A-Za-z][\w.-]*/g, "")
    .replace(/["'*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return { name: name.slice(0, 80), address: addr };
}

/** The author named in an "On <date>, <name> <addr> wrote:" line. */
/** Attributions that open with the author, the date after ("Ayşe Yılmaz <a@x>, 3 Kas 2026 … tarihinde şunu yazdı:"). */
const LEADING_AUTHOR = /^\s*"?([^<>,"\d:]{2,60}?)"?\s*<[^>\s]+@[^>\s]+>\s*[,，]?\s*\d/;

/** Arabic attributions name the author after "كتب" (wrote): "في الثلاثاء، ٣ نوفمبر ٢٠٢٦ ١٠:١٢ ص كتب Ana <a@x>:". */
const ARABIC_AUTHOR = /كتبت?\s+([^<>]{2,60}?)\s*</;

function attributionAuthor(line: string): { name: string; address: string | null } {
  const addr = ADDRESS.exec(line)?.[0]?.toLowerCase() ?? null;
  const leading = (LEADING_AUTHOR.exec(line) ?? ARABIC_AUTHOR.exec(line))?.[1]?.trim();
  if (leading) return { name: leading, address: addr };
  let s = line.replace(WROTE, "").replace(/<[^>]*>|\[mailto:[^\]]*\]|\([^)]*@[^)]*\)/g, " ");
  if (addr) s = s.replace(addr, " ");
  // the name is what follows the last date/time fragment: after the last comma, or after "HH:MM" / "um 10:02"
  const afterComma = s.split(/,\s*/).pop() ?? s;
  const afterTime = afterComma.replace(/^.*\d{1,2}[:.h]\d{2}(\s*(am|pm|uhr|h))?\s*/i, "");
  const name = afterTime
    .replace(WROTE_START, "")
    .replace(WROTE_WORD, " ")
    .replace(/\b(um|at|à|a las|às|alle|om|kl\.?)\b/gi, " ")
    .replace(/[\d:]+/g, " ")
    .replace(/["'*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return { name: name.length <= 60 ? name : "", address: addr };
}

function isQuotedLine(l: string): boolean {
  return /^\s*>/.test(l);
}

function unquote(l: string): string {
  return l.replace(/^\s*(>\s?)+/, "");
}

/** Own text -> { text, signature }: cut at "-- ", a sign-off line near the end, "Sent from my …", disclaimers. */
export function splitSignature(text: string): { text: string; signature: string } {
  const lines = text.split("\n");
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? "";
    if (/^-- ?$/.test(l) || /^_{3,}\s*$/.test(l) || SENT_FROM.test(l)) {
      cut = i;
      break;
    }
  }
  // the last short sign-off line, with at most ~12 non-empty lines after it (name, title, organisation, phone)
  for (let i = Math.min(cut, lines.length) - 1; i >= 0; i--) {
    const l = lines[i] ?? "";
    if (l.length <= 48 && SIGNOFF.test(l)) {
      const after = lines.slice(i + 1, cut).filter((x) => x.trim() !== "").length;
      if (after <= 14 && i > 0) {
        cut = i;
        break;
      }
    }
    if (cut - i > 24) break;
  }
  let body = lines.slice(0, cut).join("\n");
  let signature = lines.slice(cut).join("\n");
  // disclaimers and footers written as paragraphs of the body
  if (DISCLAIMER.test(body.toLowerCase())) {
    const paragraphs = body.split(/\n\s*\n/);
    const kept: string[] = [];
    const dropped: string[] = [];
    for (const p of paragraphs) {
      if (DISCLAIMER.test(p.toLowerCase()) && (p.length > 90 || /we('| a)re hiring|join our team|open roles/i.test(p)))
        dropped.push(p);
      else kept.push(p);
    }
    if (dropped.length > 0 && kept.length > 0) {
      body = kept.join("\n\n");
      signature = [...dropped, signature].filter(Boolean).join("\n\n");
    }
  }
  return { text: body.trim(), signature: signature.trim() };
}

/** Split a plain-text body into own text, signature and quoted messages. Never throws. */
export function splitMessage(body: string, options: SplitOptions = {}): MessageParts {
  const maxInput = options.maxInput ?? 12_000;
  const maxOwn = options.maxOwn ?? 2_000;
  const maxQuoted = options.maxQuoted ?? 1_500;
  const maxQuotes = options.maxQuotes ?? 3;
  if (!body) return { own: "", signature: "", quoted: [] };
  let text = body.slice(0, maxInput);
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.includes("\u0000")) text = text.replace(/\u0000/g, "");
  const lines = text.split("\n");

  // find the first quote start
  let first = -1;
  let header: ReturnType<typeof quoteHeaderAt> = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? "";
    if (isQuotedLine(l)) {
      first = i;
      break;
    }
    const h = quoteHeaderAt(lines, i);
    if (h) {
      first = i;
      header = h;
      break;
    }
  }
  const ownLines = first >= 0 ? lines.slice(0, first) : lines;
  const own = splitSignature(ownLines.join("\n"));
  const quoted: QuotedPart[] = [];
  if (first >= 0) collectQuotes(lines, first, header, quoted, maxQuotes, maxQuoted);
  return { own: own.text.slice(0, maxOwn), signature: own.signature.slice(0, 1_000), quoted };
}

function collectQuotes(
  lines: readonly string[],
  start: number,
  firstHeader: ReturnType<typeof quoteHeaderAt>,
  out: QuotedPart[],
  maxQuotes: number,
  maxQuoted: number,
): void {
  let i = start;
  let header = firstHeader;
  while (i < lines.length && out.length < maxQuotes) {
    let bodyStart = i + (header?.span ?? 0);
    // ">"-quoted block: everything quoted, one level removed, is split again (it may hold deeper quotes)
    if (!header && isQuotedLine(lines[i] ?? "")) {
      let j = i;
      const inner: string[] = [];
      while (j < lines.length && (isQuotedLine(lines[j] ?? "") || (lines[j] ?? "").trim() === "")) {
        inner.push(unquote(lines[j] ?? ""));
        j++;
      }
      const parts = splitMessage(inner.join("\n"), {
        maxOwn: maxQuoted,
        maxQuoted,
        maxQuotes: maxQuotes - out.length,
      });
      // a block that opens with a quote header ("> -----Original Message-----") has no words of its own: it
      // would take a slot from the message it quotes
      if (parts.own.trim()) out.push({ authorName: "", authorAddress: null, to: "", text: parts.own });
      out.push(...parts.quoted.slice(0, maxQuotes - out.length));
      return;
    }
    // skip blank lines after a header
    while (bodyStart < lines.length && (lines[bodyStart] ?? "").trim() === "") bodyStart++;
    let next = -1;
    let nextHeader: ReturnType<typeof quoteHeaderAt> = null;
    const quotedBlock = isQuotedLine(lines[bodyStart] ?? "");
    for (let j = bodyStart; j < lines.length; j++) {
      const l = lines[j] ?? "";
      if (quotedBlock) {
        if (!isQuotedLine(l) && l.trim() !== "") {
          next = j;
          break;
        }
        continue;
      }
      if (isQuotedLine(l)) {
        next = j;
        break;
      }
      const h = quoteHeaderAt(lines, j);
      if (h) {
        next = j;
        nextHeader = h;
        break;
      }
    }
    const end = next >= 0 ? next : lines.length;
    const raw = lines.slice(bodyStart, end).map((l) => (quotedBlock ? unquote(l) : l));
    const inner = quotedBlock
      ? splitMessage(raw.join("\n"), {
          maxOwn: maxQuoted,
          maxQuoted,
          maxQuotes: Math.max(0, maxQuotes - out.length - 1),
        })
      : null;
    const textPart = inner ? inner.own : splitSignature(raw.join("\n")).text;
    out.push({
      authorName: header?.name ?? "",
      authorAddress: header?.address ?? null,
      to: header?.to ?? "",
      text: textPart.slice(0, maxQuoted),
    });
    if (inner) out.push(...inner.quoted.slice(0, maxQuotes - out.length));
    // after a ">" block under a header, what follows is the author's inline text, not another quote
    if (next < 0 || quotedBlock) return;
    i = next;
    header = nextHeader;
  }
}

/** Limits of a compact body: characters of own text, signature and first quote; quoted messages kept. */
export interface CompactLimits {
  own?: number;
  signature?: number;
  quoted?: number;
  quotes?: number;
}

/** The parts compactBody keeps, before they are written out (the second quote already shortened). */
export function compactParts(body: string, limits: CompactLimits = {}): MessageParts {
  const quoted = limits.quoted ?? 1200;
  const parts = splitMessage(body, { maxOwn: limits.own ?? 1200, maxQuoted: quoted, maxQuotes: limits.quotes ?? 2 });
  // deeper quotes matter less (and cost as much to read): the second is kept shorter
  for (const [i, q] of parts.quoted.entries()) if (i > 0) q.text = q.text.slice(0, Math.ceil(quoted / 3));
  return { ...parts, signature: parts.signature.slice(0, limits.signature ?? 200) };
}

/** compactParts written out as a body that `splitMessage` reads back the same way. */
export function writeCompact(parts: MessageParts): string {
  const out: string[] = [parts.own];
  if (parts.signature) out.push(`-- \n${parts.signature}`);
  for (const q of parts.quoted) {
    const who = [q.authorName, q.authorAddress ? `<${q.authorAddress}>` : ""].filter(Boolean).join(" ");
    if (!who && !q.to) {
      out.push(`\n${q.text.replace(/^/gm, "> ")}`);
      continue;
    }
    out.push(`\n-----Original Message-----\nFrom: ${who || "?"}\nTo: ${q.to}\n\n${q.text}`);
  }
  return out.join("\n");
}

/**
 * A bounded copy of a body that keeps what the classifier reads — the author's own words, the start of their
 * signature (bulk footers live there) and the first quoted messages with their authors — in a form that
 * `splitMessage` reads back the same way. Used where bodies are held in memory for a while (the offline scan).
 */
export function compactBody(body: string, limits: CompactLimits = {}): string {
  return writeCompact(compactParts(body, limits));
}
