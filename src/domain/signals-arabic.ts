/**
 * The lexicon in Arabic (Modern Standard, with the Gulf and Levantine forms people write in e-mail): asking for a
 * conversation ("هل لديك وقت لفنجان قهوة؟", "ممكن ١٥ دقيقة من وقتك؟"), its purpose, a referral, thanks afterwards,
 * an update, an offer to help, and a formal hiring process. Written from how people phrase these things, never
 * from one message. They run only on text that holds Arabic script (the "other languages" tier). Arabic letters
 * are matched as written; the optional prefixes (و، ف، ب، ل، ال) are allowed where a word often carries them.
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

/** Western or Arabic-Indic digits. */
const N = "[0-9٠-٩]{1,2}";

export const ARABIC_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.ar",
    "ask",
    1.5,
    "asks for a short conversation (Arabic)",
    words(
      `${N} ?(دقيقة|دقائق|دقيقه)`,
      "(ربع ساعة|نصف ساعة|نص ساعة)",
      "(هل|لو) (لديك|لديكم|عندك|عندكم) (بعض |قليل من )?(الوقت|وقت)",
      "(ممكن|هل يمكن|هل يمكنني|هل بإمكاني|أتمنى|أود|يسعدني) (أن )?(نلتقي|نتحدث|نتكلم|أتحدث|أسألك|أسألكم|آخذ|نشرب|نتقابل|أتصل)",
      "(فنجان|كوب) (قهوة|شاي)",
      "(مكالمة|اتصال|لقاء|جلسة|محادثة) (قصيرة|سريعة|هاتفية|عبر زوم|عبر تيمز)",
      "(بعض|عدة) (الأسئلة|أسئلة)",
    ),
  ),
  E(
    "purpose.ar",
    "purpose",
    1.5,
    "is about the contact's path or advice (Arabic)",
    words(
      "(تجربتك|تجربتكم|خبرتك|خبرتكم|مسيرتك|مسيرتكم|مسارك|مسارك المهني|مسيرتك المهنية|رحلتك المهنية)",
      "(نصيحتك|نصائحك|نصيحتكم|نصائحكم|رأيك|رأيكم|إرشادك|توجيهك|توجيهاتك)",
      "(كيف) (بدأت|انتقلت|دخلت|وصلت|قررت|تحولت)",
      "(الانتقال|التحول|التحويل|تغيير) (إلى|الى|المسار|مساري|مجال|المجال|المهنة)",
    ),
  ),
  E(
    "purpose.seeker.ar",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Arabic)",
    words(
      "(أنا|انا) (طالب|طالبة|خريج|خريجة|متدرب|متدربة)",
      "(أفكر|افكر|أخطط|اخطط|أرغب|ارغب|أسعى|اسعى) (في|فى)? ?(الانتقال|التحول|تغيير مساري|تغيير مجالي|دخول مجال)",
    ),
  ),
  E(
    "connection.ar",
    "connection",
    1.25,
    "mentions a referral or where the two met (Arabic)",
    words(
      "(اقترح|اقترحت|نصحني|نصحتني|رشحك|رشحتك|أعطاني|أعطتني) (علي|عليّ)? ?(أن |ان )?(أتواصل|اتواصل|أكتب|اكتب|رقمك|بريدك|إيميلك|ايميلك|اسمك)",
      "(أود|يسعدني|اسمحوا لي|اسمح لي) (أن )?(أعرفكم|أعرفك|أقدمكم|أقدمك|أعرّفكم) (على|ب)",
      "(التقينا|تقابلنا|تعرفنا) (في|فى|خلال)",
    ),
  ),
  E(
    "after.ar",
    "after",
    1,
    "thanks the other person for a conversation (Arabic)",
    words(
      "(شكرا|شكراً|شكرًا|أشكرك|أشكركم|اشكرك|ممتن|ممتنة) (جزيلا |جزيلاً |كثيرا |كثيراً )?(لك |لكم )?(على|علي|عن) (وقتك|وقتكم|اللقاء|المكالمة|القهوة|الحديث|المحادثة|نصائحك|نصيحتك|جلسة|الجلسة)",
      "(سعدت|سعيد|سعيدة|تشرفت) (جدا |جداً )?(بالحديث|بلقائك|باللقاء|بالتعرف|بمعرفتك)",
    ),
  ),
  E(
    "update.ar",
    "update",
    1.5,
    "shares progress or keeps in touch (Arabic)",
    words("(أردت|حبيت|أحببت|أود) (أن )?(أطلعك|أخبرك|اخبرك|أشاركك|أحدثك)", "(آخر|اخر) (المستجدات|الأخبار|التطورات)"),
  ),
  E(
    "offer.ar",
    "offer",
    1,
    "offers to talk or help (Arabic)",
    words(
      "(بكل سرور|بكل ترحيب|يسعدني ذلك|يسعدني المساعدة|تحت أمرك|تحت امرك|على الرحب والسعة|أكيد|بالتأكيد|طبعا|طبعاً)",
      "(اتصل بي|كلمني|تواصل معي|راسلني)",
    ),
  ),
  E(
    "hiring.ar",
    "hiring",
    -2,
    "talks about a formal hiring process (Arabic)",
    words("(طلبك|طلب التوظيف|مقابلة عمل|مقابلة العمل|المقابلة الشخصية|الوظيفة الشاغرة|عملية التوظيف|المرحلة التالية)"),
  ),
];
