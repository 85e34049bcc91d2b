/** Table of short first messages from varied professions and senders: is it an informational request? */
import { describe, expect, it } from "vitest";
import { assessThread } from "../../src/domain/assess-thread.js";
import type { MailMessage } from "../../src/domain/mail.js";

const ME = "me@example.com";
type Case = [label: string, fromUser: boolean, subject: string, body: string, expected: false | "seeker" | "host"];

const CASES: Case[] = [
  [
    "nurse, interested in",
    true,
    "Question from a nurse",
    "Hi Dana, I'm a nurse interested in health informatics. Would you have 20 minutes for a call sometime? I'd love to hear how you made the move.",
    "seeker",
  ],
  [
    "architect, coffee",
    true,
    "Coffee?",
    "Hi Lee, we met at the AIA mixer. I'm an architect thinking about moving into construction tech -- could I buy you a coffee and hear about your switch?",
    "seeker",
  ],
  [
    "veteran, phone",
    true,
    "Fellow veteran",
    "Mr. Ortiz, I'm transitioning out of the Army and exploring project management. Would you be willing to share your experience in a short phone call?",
    "seeker",
  ],
  [
    "teacher, pick brain",
    true,
    "quick q",
    "hey! saw your post about leaving teaching for L&D. any chance I could pick your brain for 15 min?",
    "seeker",
  ],
  [
    "chef, host",
    false,
    "Culinary student question",
    "Hi Chef, I'm a culinary student and Chef Ramos gave me your name. Could I ask you a few questions about your career path over a quick call?",
    "host",
  ],
  [
    "engineer, German",
    true,
    "Kurzes Gespräch?",
    "Hallo Frau Berg, ich bin Ingenieurin und möchte mich beruflich in Richtung Produktmanagement entwickeln. Hätten Sie 20 Minuten Zeit für ein kurzes Gespräch über Ihren Werdegang?",
    "seeker",
  ],
  [
    "recruiter",
    false,
    "Opportunity",
    "Hi, I'm a recruiter working on a Product Manager role for a client in Austin. Are you open to a 15 minute call? Please send your resume.",
    false,
  ],
  [
    "sales demo",
    false,
    "15 minutes?",
    "Hi there, can I get 15 minutes on your calendar for a quick demo of our scheduling software? Our customers save 5 hours a week.",
    false,
  ],
  [
    "colleague logistics",
    false,
    "Budget review",
    "Can we grab 20 minutes tomorrow to go over the Q3 budget numbers before the board deck goes out?",
    false,
  ],
  [
    "friend dinner",
    false,
    "dinner friday?",
    "Are you free Friday for dinner? Sam's in town and wants to catch up!",
    false,
  ],
  [
    "interview invite",
    false,
    "Interview invitation - Analyst",
    "Thank you for applying. We would like to invite you to a first-round interview for the Analyst position. Please choose a slot.",
    false,
  ],
  [
    "interview thank you",
    true,
    "Thank you",
    "Dear Ms. Park, thank you for interviewing me today for the Marketing Coordinator role. I'm excited about the position.",
    false,
  ],
  [
    "webinar",
    false,
    "Join our career webinar",
    "Register now for our free webinar on breaking into UX. Seats are limited -- click here to save your spot.",
    false,
  ],
  [
    "survey incentive",
    false,
    "Share your experience, get $50",
    "We're building a new app for nurses and would love 30 minutes of your perspective in a customer interview. You'll receive a $50 gift card.",
    false,
  ],
  [
    "mentor program",
    false,
    "Your mentor match",
    "Welcome to the mentoring programme! Your mentor match is now in the portal. Please book your first 30-minute session.",
    false,
  ],
  [
    "student asks user (informal)",
    false,
    "hi!",
    "hi Ms. K, it's Jordan from your chem class. I'm thinking about majoring in pharmacy?? could I call you for like 10 min and ask what it's actually like?",
    "host",
  ],
  [
    "linkedin-style seeker",
    true,
    "Hello from a fellow alum",
    "Hi Priya, fellow Michigan alum here. Would love to connect and learn more about your work in climate finance -- do you have 15 minutes in the next few weeks?",
    "seeker",
  ],
  [
    "SDR masked as curiosity",
    false,
    "Quick question",
    "Hi, I'd love to learn more about your team's goals for 2026 and share how we help companies like yours. Would it make sense to find 15 minutes next week?",
    false,
  ],
  [
    "recruiter masked as curiosity",
    false,
    "Your background",
    "Hi! I came across your profile and would love to learn about your career goals. Are you open to new opportunities? Quick chat this week?",
    false,
  ],
  [
    "Polish ask typed without diacritics",
    true,
    "pytanie",
    "dzien dobry pani marto, dostalam pani adres od oli. czy moglabym zadzwonic i zapytac, jak wyglada pani praca w lokalizacji gier?",
    "seeker",
  ],
  [
    "Swedish fika ask from someone changing fields",
    true,
    "Fråga om patentbranschen",
    "Hej Karin, jag är civilingenjör och funderar på att byta bana till patentområdet. Skulle du ha tid för en fika nästa vecka? Jag vill gärna höra hur du kom in i branschen. Vänliga hälsningar, Sara",
    "seeker",
  ],
  [
    "Danish student asks the user, typed without æ and ø",
    false,
    "Et par spørgsmål",
    "Hej Mette, jeg er studerende på DTU og vil gerne hore om din karriere. Har du tid til en kop kaffe en dag? Mange hilsner, Jonas",
    "host",
  ],
  [
    "Swedish recruiter about the user's application",
    false,
    "Din ansökan",
    "Hej! Tack för din ansökan till tjänsten som ingenjör. Vi vill gärna boka en anställningsintervju med dig nästa vecka. Mvh, HR",
    false,
  ],
  [
    "Indonesian ask for coffee from someone changing careers",
    true,
    "Minta waktu sebentar",
    "Halo Mbak Rina, saya sedang mempertimbangkan pindah karier ke bidang data. Apakah Mbak ada waktu 20 menit minggu depan untuk ngopi? Saya ingin belajar dari pengalaman Mbak. Terima kasih, Dimas",
    "seeker",
  ],
  [
    "Malay student asks the user",
    false,
    "Soalan tentang kerjaya",
    "Salam Encik Faizal, saya pelajar tahun akhir dan ingin tahu tentang pengalaman Encik dalam bidang kejuruteraan. Adakah Encik ada masa untuk berbual sebentar? Terima kasih, Aisyah",
    "host",
  ],
  [
    "Indonesian recruiter about a position for a client",
    false,
    "Peluang karier menarik",
    "Halo Pak, kami sedang mencari kandidat untuk posisi Head of Finance di klien kami. Apakah Bapak ada waktu 15 menit untuk telepon? Salam, Tim Rekrutmen",
    false,
  ],
  [
    "thank-you after a formal job interview",
    true,
    "Thank you - Site Engineer interview",
    "Hi Tane, thank you for your time today and for the tour of the yard. I'm even more keen on the Site Engineer role after hearing how the crews plan their week. Best, Hemi",
    false,
  ],
  [
    "French thank-you after a job interview",
    true,
    "Merci pour notre échange",
    "Bonjour Claire, merci pour l'entretien de ce matin. Je reste très motivée par le poste et disponible pour la suite du processus. Bien cordialement, Inès",
    false,
  ],
  [
    "Turkish ask for coffee from someone changing fields",
    true,
    "Kısa bir kahve?",
    "Merhaba Elif Hanım, yazılım testinden ürün tasarımına geçmek istiyorum. Müsait olursanız 20 dakikanızı alabilir miyim? Deneyimlerinizi dinlemek isterim. Teşekkürler, Deniz",
    "seeker",
  ],
  [
    "Arabic ask for coffee about the contact's career",
    true,
    "فنجان قهوة؟",
    "مرحبا أستاذ سالم، أفكر في الانتقال إلى مجال التطوير العقاري. هل لديك وقت لفنجان قهوة الأسبوع القادم؟ أود أن أسمع عن تجربتك. شكراً، عمر",
    "seeker",
  ],
  [
    "Vietnamese ask for a short call from someone moving into design",
    true,
    "Xin 15 phút trò chuyện",
    "Chào chị Thảo, em là Hà, hiện đang làm kế toán và đang tìm hiểu để chuyển sang ngành thiết kế sản phẩm. Chị có thể dành cho em 15 phút trò chuyện qua điện thoại được không ạ? Em rất mong được nghe chị chia sẻ kinh nghiệm. Em cảm ơn chị, Hà",
    "seeker",
  ],
  [
    "Vietnamese ask typed without tone marks",
    true,
    "Hoi chi mot chut",
    "Chao chi Mai, em dang muon chuyen nganh sang marketing. Neu chi co thoi gian, cho em xin 20 phut de hoi chi vai cau hoi ve con duong su nghiep cua chi duoc khong a? Em cam on chi nhieu. Quan",
    "seeker",
  ],
  [
    "Vietnamese headhunter about a client's position",
    false,
    "Cơ hội việc làm hấp dẫn",
    "Chào anh, khách hàng của chúng tôi đang tìm kiếm ứng viên cho vị trí trưởng phòng kiểm toán, mức lương cạnh tranh. Anh có rảnh trao đổi 10 phút không? Trân trọng, Linh",
    false,
  ],
  [
    "Turkish headhunter about a client's position",
    false,
    "Kariyer fırsatı",
    "Merhaba, müşterimiz için kıdemli test uzmanı arıyoruz. 15 dakikanızı alabilir miyim? Saygılarımla, Selin",
    false,
  ],
  [
    "seeker who found a profile",
    true,
    "Alum exploring biotech",
    "Hi Tom, I came across your profile in the alumni directory -- your move from the bench into biotech strategy is exactly the path I'm curious about. Could we find 20 minutes for a call?",
    "seeker",
  ],
  // someone asks the user for career advice and nobody has answered yet: what they say about themselves (a
  // school year, programmes they are weighing, leaving the service, a move abroad, wanting the user's path) is
  // what tells the ask apart from a pitch that says the same "15 minutes"
  [
    "unanswered ask from a school student choosing a degree",
    false,
    "Question about nursing degrees",
    "Hi Sam, my dad Pete said it would be OK to email you. I'm in year 12 and can't decide between nursing at uni or a healthcare apprenticeship. Could I ask you a few questions over a short call? Thanks so much, Ellie",
    "host",
  ],
  [
    "unanswered ask from someone weighing programmes",
    false,
    "Physio considering a master's",
    "Dear Dr. Lowe, I'm a physiotherapist at a community clinic and I'm weighing sports science programmes for next year. Would you have 15 minutes to share your advice on choosing one? I understand if you're too busy.",
    "host",
  ],
  [
    "unanswered ask from a soldier leaving the service",
    false,
    "how did you get into logistics?",
    "sgt rivera! it's okafor from alpha company. i'm ETSing in june and want to get into supply chain like you did. can i call you some time and hear how you did it? 15 min tops",
    "host",
  ],
  [
    "unanswered ask from a professional relocating",
    false,
    "Engineer moving to Perth - 15 minutes?",
    "Dear Ms Tan, I'm a civil engineer in Leeds and my partner and I are planning to relocate to Perth next spring. Would you have 15 minutes to tell me how hiring in WA infrastructure works and what the registration process looked like for engineers who trained overseas?",
    "host",
  ],
  [
    "account manager's '15 minutes' for the user's thoughts",
    false,
    "15 minutes - your thoughts on wound care?",
    "Hi Sam, I'm the account manager for Mediwrap in your region. Could I grab 15 minutes to hear your thoughts on wound dressings on your ward and share some data on our new foam range? Happy to bring coffee.",
    false,
  ],
  [
    "coach selling sessions to a career changer",
    false,
    "Free call to plan your career change?",
    "Hi Sam, I noticed you're moving from retail into logistics. I coach career changers into new roles in 10 weeks. I'd love to offer you a free 30-minute call to map out your plan. Book here: calendly.example/coach",
    false,
  ],
  // a reply whose ask is in no message: the subject is the ask, the user's answer agrees and names a time
  [
    "absent ask, host answers 'Re: coffee?'",
    true,
    "Re: coffee?",
    "Yes, happy to - how about Tuesday? 7:30 at Revolver on Cambie. R",
    "host",
  ],
  [
    "absent ask, host answers 'Re: quick question'",
    true,
    "Re: quick question",
    "Hi Bec! Yes of course - Monday 12.30 at the Level 2 cafe? Happy to chat. H",
    "host",
  ],
  [
    "absent ask, a tradesman's estimate answered with a time",
    true,
    "Re: Estimate #4471",
    "Approved, thanks. Tuesday morning works for the install. Ray",
    false,
  ],
];

describe.each(CASES)("%s", (_label, fromUser, subject, body, expected) => {
  it(`is ${expected === false ? "not informational" : `informational (${expected})`}`, () => {
    const other = "them@example.org";
    const msg: MailMessage = {
      providerId: null,
      providerThreadId: null,
      messageId: "<case@x>",
      inReplyTo: [],
      references: [],
      subject,
      from: { address: fromUser ? ME : other, name: "" },
      to: [{ address: fromUser ? other : ME, name: "" }],
      cc: [],
      date: new Date("2026-05-04T10:00:00Z"),
      sentByUser: fromUser,
      bodyText: body,
      headers: {},
      labels: [],
    };
    const a = assessThread([msg], [ME], { timeZone: "UTC" });
    expect({ informational: a.informational, direction: a.direction, reasons: a.reasons }).toMatchObject({
      informational: expected !== false,
      direction: expected === false ? null : expected,
    });
  });
});
