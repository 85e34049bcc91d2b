/**
 * The lexicon in Indonesian, with the Malay forms that differ from it: asking for a conversation ("apakah Ibu
 * ada waktu 15 menit?", "boleh saya minta waktunya untuk ngopi?"), its purpose, a referral, thanks afterwards, an
 * update, an offer to help, and a formal hiring process. Written from how people phrase these things, never from
 * one message; like the other languages' entries they run only on text that shows a language other than English.
 * Indonesian has no accents, so each pattern is a phrase no English sentence contains.
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

const W = "[a-z-]+";
/** How a writer addresses the reader: formal, among colleagues, to an elder sibling's age, or plain "you". */
const YOU = "(bapak|pak|ibu|bu|mas|mbak|kak|kakak|abang|bang|anda|kamu|tuan|puan|encik|cik|saudara|saudari)";

export const MALAY_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.malay",
    "ask",
    1.5,
    "asks for a short conversation (Indonesian/Malay)",
    words(
      `(apakah|apa|adakah|kalau|jika|bila) ${YOU} (${W} ){0,3}(ada|punya|sempat|berkenan|bersedia|luang) (${W} ){0,2}(waktu|masa|kesempatan)?`,
      `(boleh|bolehkah|bisakah|dapatkah|mohon|izin|ijin) (saya |aku )?(minta |meminta )?(waktu|waktunya|masa|sedikit waktu|waktu sebentar)`,
      `(boleh|bolehkah|bisakah|izin|ijin|mau|ingin) (saya |aku )?(${W} ){0,2}(bertanya|tanya|ngobrol|berbincang|berbual|ngopi|berdiskusi|diskusi|sharing|telepon|menelepon|video call)`,
      "(\\d{1,2}|sepuluh|lima belas|dua puluh|tiga puluh) menit",
      "(setengah jam|sejam|satu jam|sebentar saja)",
      `(ngopi|minum kopi|secangkir kopi|secawan kopi|makan siang|ngobrol|berbincang|berbual|diskusi singkat|obrolan singkat|ngobrol santai|ngobrol sebentar)( bareng| bersama| dengan ${YOU})?`,
    ),
  ),
  E(
    "purpose.malay",
    "purpose",
    1.5,
    "is about the contact's path or advice (Indonesian/Malay)",
    words(
      `(pengalaman|perjalanan karier|perjalanan karir|karier|karir|kerjaya|latar belakang|keseharian|cerita) ${YOU}`,
      `(saran|masukan|nasihat|nasehat|tips|pandangan|sudut pandang|arahan|bimbingan) (dari |daripada )?${YOU}`,
      `(bagaimana|gimana|macam mana) ${YOU} (${W} ){0,3}(bisa|memulai|mulai|masuk|pindah|beralih|berpindah|sampai|menjadi|jadi)`,
      "(pindah|beralih|berpindah|banting setir|transisi|tukar) (karier|karir|kerjaya|profesi|bidang|jalur|haluan)",
      "(banting setir|alih profesi|career switch|jenjang karier|jenjang karir|dunia kerja)",
      `(seperti apa|macam mana) (${W} ){0,2}(pekerjaan|kerja|keseharian|rutinitas)`,
    ),
  ),
  E(
    "purpose.seeker.malay",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Indonesian/Malay)",
    words(
      `(saya|aku),? (${W},? ){0,2}(mahasiswa|mahasiswi|pelajar|siswa|lulusan|fresh graduate|alumni|alumnus|baru lulus|sedang kuliah|masih kuliah)`,
      `(saya|aku) (sedang |lagi |masih )?(mencari|menentukan|mencari-cari|bingung (memilih|menentukan)) (arah|jalur|jalan) (karier|karir|kerjaya)`,
      `(saya|aku) (sedang |lagi |masih )?(mempertimbangkan|berencana|ingin|mau|mencoba|berniat) (${W} ){0,2}(pindah|beralih|berpindah|banting setir|masuk ke|terjun ke)`,
    ),
  ),
  E(
    "connection.malay",
    "connection",
    1.25,
    "mentions a referral or where the two met (Indonesian/Malay)",
    words(
      `(direkomendasikan|disarankan|dirujuk|dikenalkan|diperkenalkan) (${W} ){0,2}(oleh|sama|dari)`,
      `(merekomendasikan|menyarankan|menyuruh|mencadangkan) (saya|aku) (untuk )?(menghubungi|kontak|bertanya|menghubungi ${YOU})`,
      `(dapat|mendapat|mendapatkan|dapet) (kontak|email|e-mel|nomor|nombor|alamat email) ${YOU} (dari|daripada)`,
      `(memperkenalkan|mengenalkan|kenalkan) (kalian|anda berdua|kamu berdua|${YOU})`,
      `(kita|kami) (bertemu|ketemu|berjumpa|kenalan) (${W} ){0,2}(di|pada|waktu|saat)`,
    ),
  ),
  E(
    "after.malay",
    "after",
    1,
    "thanks the other person for a conversation (Indonesian/Malay)",
    words(
      `(terima kasih|terimakasih|makasih|trima kasih|thanks) (banyak |sekali |sangat )?(atas|untuk|buat|kerana|karena) (${W} ){0,2}(waktu|waktunya|masa|obrolan|obrolannya|ngobrol|ngobrolnya|diskusi|diskusinya|sharing|sharingnya|saran|sarannya|masukan|masukannya|kopi|kopinya|makan siang|kesempatan|kemarin|tadi|hari ini)`,
      "(senang|seneng|gembira) (sekali |banget )?(bisa |dapat )?(ngobrol|berbincang|berbual|bertemu|ketemu|berjumpa|berdiskusi)",
    ),
  ),
  E(
    "update.malay",
    "update",
    1.5,
    "shares progress or keeps in touch (Indonesian/Malay)",
    words(
      "(ingin|mau|hendak) (memberi|memberikan|kasih|berbagi) (kabar|update|khabar)",
      "(sedikit|sekadar|cuma|hanya) (kabar|update|khabar)",
      `(berkat|terima kasih atas|hasil dari) (${W} )?(saran|masukan|bantuan|nasihat|rekomendasi) ${YOU}`,
    ),
  ),
  E(
    "offer.malay",
    "offer",
    1,
    "offers to talk or help (Indonesian/Malay)",
    words(
      "(dengan senang hati|dengan hati senang|boleh saja|boleh banget|boleh dong|boleh kok|tentu saja|tentu boleh|bisa kok|bisa banget|siap membantu|sila hubungi|silakan hubungi|silakan telepon|hubungi saja|telepon saja|telpon aja|kabari saja|kabari aja|kabarin aja|japri aja|japri saja)",
    ),
  ),
  E(
    "hiring.malay",
    "hiring",
    -2,
    "talks about a formal hiring process (Indonesian/Malay)",
    words(
      "(lamaran kerja|lamaran anda|lamaran saudara|surat lamaran|wawancara kerja|proses rekrutmen|proses seleksi|tahap seleksi|tahap selanjutnya|psikotes|posisi yang dilamar|lowongan kerja|temu duga|permohonan jawatan)",
    ),
  ),
  E(
    "recruiter.malay",
    "recruiter",
    -2,
    "reads like a recruiter pitch (Indonesian/Malay)",
    words(
      "(klien kami|untuk klien|peluang karier|peluang karir|kesempatan karier|kesempatan karir|posisi menarik|ada lowongan|kami sedang mencari kandidat|kami sedang mencari talenta|kandidat yang tepat|peluang kerjaya)",
    ),
  ),
];
