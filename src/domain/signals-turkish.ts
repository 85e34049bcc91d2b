/**
 * The lexicon in Turkish: asking for a conversation ("15 dakikanızı alabilir miyim?", "bir kahve içelim mi?"),
 * its purpose, a referral, thanks afterwards, an update, an offer to help, and a formal hiring process. Written
 * from how people phrase these things, never from one message; like the other languages' entries they run only on
 * text that shows a language other than English. People often type Turkish without its letters ("musait",
 * "gorusebilir miyiz"): the lexicon's helper matches each accented letter by its bare one too, and the dotless ı
 * is written here as [ıi].
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

const W = "[a-zçğıöşü]+";
/** Case and possessive endings: "deneyimleriniz" (your experiences), "deneyimlerinizi", "deneyimlerinizden". */
const SUFFIX = "[a-zçğıöşü]*";
/** A verb's question particle, attached or apart: "alabilir miyim", "içelim mi", "müsait misiniz". */
const Q = "\\s?m[ıiuü](y[ıiuü]m|y[ıiuü]z|s[ıiuü]n[ıiuü]z|s[ıiuü]n)?";

export const TURKISH_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.tr",
    "ask",
    1.5,
    "asks for a short conversation (Turkish)",
    words(
      `(\\d{1,2}|on|on beş|yirmi|otuz) (dakikan[ıi]z[ıi]|dakikan[ıi]|dakika)`,
      "(yarım saat|yarım saatinizi|kısa bir (görüşme|sohbet|telefon|toplantı|kahve|zoom|görüntülü görüşme))",
      `(görüşebilir|konuşabilir|buluşabilir|sorabilir|alabilir|arayabilir|danışabilir|ayırabilir|paylaşabilir)${Q}`,
      `(kahve|çay) (${W} )?(içelim|içmeye|içebilir|içer)${Q}?`,
      `(müsait|uygun|vaktiniz|zamanınız|vaktin|zamanın) (${W} )?(var ?m[ıi]|ol(ur|ursa|ursanız)|m[ıi]s[ıi]n[ıi]z|m[ıi]s[ıi]n)`,
      "(birkaç|bir iki|birkaç tane) (soru|sorum)",
      "(fikrinizi|görüşlerinizi|tavsiyenizi|önerilerinizi) (almak|alabilir|sormak)",
    ),
  ),
  E(
    "purpose.tr",
    "purpose",
    1.5,
    "is about the contact's path or advice (Turkish)",
    words(
      `(deneyimleriniz|deneyiminiz|tecrübeleriniz|tecrübeniz|kariyer yolculuğunuz|kariyeriniz|kariyer yolunuz|geçişiniz|hikayeniz|yolculuğunuz)${SUFFIX}`,
      `(tavsiye|tavsiyeleriniz|öneri|önerileriniz|fikirleriniz|görüşleriniz|yol gösterme|mentorluk)${SUFFIX}`,
      `(nasıl|ne şekilde) (${W} ){0,3}(geçtiniz|geçiş yaptınız|başladınız|girdiniz|oldunuz|karar verdiniz)`,
      `(kariyer|alan|sektör|meslek) (değişikliği|değiştirme|değiştirmek|geçişi|değişimi)`,
      `(bir gününüz|işinizin|işiniz|ekibiniz|rolünüz) (${W} ){0,2}(nasıl geçiyor|neler içeriyor|nasıl)`,
    ),
  ),
  E(
    "purpose.seeker.tr",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Turkish)",
    words(
      `(ben |şu an |şu anda )?(${W} )?(öğrencisiyim|öğrenciyim|mezunuyum|yeni mezunum|stajyerim)`,
      `${W}([ıiuü]?n)?[ae] (geçmek|geçiş yapmak|yönelmek|adım atmak|geçiş) (istiyorum|düşünüyorum|planlıyorum|hedefliyorum|yapmayı düşünüyorum)`,
      "(kariyer değişikliği|kariyerimi değiştirmeyi|alan değiştirmeyi) (düşünüyorum|planlıyorum|hedefliyorum)",
    ),
  ),
  E(
    "connection.tr",
    "connection",
    1.25,
    "mentions a referral or where the two met (Turkish)",
    words(
      `(sizden|senden) (${W} )?(bahsetti|söz etti)`,
      `(size|sana|sizinle|seninle) (ulaşmamı|yazmamı|danışmamı|iletişime geçmemi|görüşmemi|konuşmamı) (önerdi|tavsiye etti|söyledi)`,
      "(iletişim bilgilerinizi|mail adresinizi|e-posta adresinizi|adınızı) (verdi|paylaştı)",
      `(sizi|seni|sizleri) (tanıştırmak|tanıştırayım|tanıştırıyorum|birbirinize tanıştırmak)`,
      `(${W} ){0,2}(tanışmıştık|görüşmüştük|karşılaşmıştık)`,
    ),
  ),
  E(
    "after.tr",
    "after",
    1,
    "thanks the other person for a conversation (Turkish)",
    words(
      `(zaman ayırdığınız|vakit ayırdığınız|ayırdığınız zaman|sohbet|görüşme|kahve|paylaştıklarınız|tavsiyeleriniz) (${W} ){0,2}(için|içinde)? ?(çok )?(teşekkür|teşekkürler|minnettarım|sağ olun)`,
      "(sohbetimiz|görüşmemiz|konuşmamız) (çok )?(faydalı|keyifli|verimli|ufuk açıcı) (oldu|geçti)",
    ),
  ),
  E(
    "update.tr",
    "update",
    1.5,
    "shares progress or keeps in touch (Turkish)",
    words(
      "(kısa bir|küçük bir) (güncelleme|haber)",
      `(haber vermek|paylaşmak|bilgi vermek) (istedim|isterim)`,
      `(tavsiyeniz|öneriniz|yardımınız|sayenizde) (${W} ){0,2}(sayesinde|ile)?`,
    ),
  ),
  E(
    "offer.tr",
    "offer",
    1,
    "offers to talk or help (Turkish)",
    words(
      `(memnuniyetle|seve seve|tabii ki|elbette|severek) (${W} ){0,2}(görüşürüz|görüşelim|konuşuruz|konuşalım|yardımcı olurum|anlatırım|buluşuruz|buluşalım|içeriz|içelim)`,
      "(beni arayabilirsin|beni arayabilirsiniz|arayın|ara beni|yazabilirsiniz|ulaşabilirsiniz)",
    ),
  ),
  E(
    "hiring.tr",
    "hiring",
    -2,
    "talks about a formal hiring process (Turkish)",
    words(
      "(başvurunuz|başvurun|iş görüşmesi|mülakat|mülakatı|işe alım süreci|değerlendirme süreci|pozisyonu için|ilanı için|teknik görüşme|ikinci görüşme)",
    ),
  ),
  E(
    "recruiter.tr",
    "recruiter",
    -2,
    "reads like a recruiter pitch (Turkish)",
    words(
      "(müşterimiz için|müşterimizin|bir müşterimiz|kariyer fırsatı|iş fırsatı|açık pozisyon|pozisyonumuz|aday arıyoruz|headhunter|insan kaynakları danışmanlığı)",
    ),
  ),
];
