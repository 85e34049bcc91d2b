/**
 * The lexicon in Vietnamese: asking for a conversation ("chị có thể dành cho em 15 phút được không ạ?", "mời anh
 * đi uống cà phê"), its purpose, a referral, thanks afterwards, an update, an offer to help, and a formal hiring
 * process. Written from how people phrase these things, never from one message; like the other languages' entries
 * they run only on text that shows a language other than English. Vietnamese writes each syllable as a word, so a
 * pattern is a run of syllables; the pronoun a writer picks (anh, chị, em, bạn, cô, chú…) carries the politeness and
 * stands for "you" or "I". People often type without the tone marks ("cam on", "xin phep", "15 phut"): the lexicon's
 * helper matches each marked letter, and đ, by its bare one too.
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

/** One syllable. */
const W = "\\p{L}+";
/** The reader, as the writer addresses them (older brother or sister, younger sibling, friend, teacher, elder…). */
const YOU = "(anh chị|anh/chị|anh/ chị|anh|chị|em|bạn|cô|chú|thầy|bác|ông|bà|cậu|mọi người)";
/** The writer speaking of themselves. */
const ME = "(em|tôi|mình|cháu|con|tớ|tui)";
/** Thanks, however it is spelt. */
const THANKS = "(cảm ơn|cám ơn|xin cảm ơn|xin cám ơn|chân thành cảm ơn|cảm ơn rất nhiều|thank you|thanks|tks)";
/** A conversation, call or meeting. */
const TALK = "(trò chuyện|nói chuyện|trao đổi|tâm sự|gặp|gặp gỡ|gặp mặt|gọi điện|gọi|hỏi chuyện|cà phê|cafe|cafê)";
/** The reader when the writer looks up to them (for their path and advice): not "em", which a writer also says of themselves. */
const ELDER = "(anh chị|anh/chị|anh/ chị|anh|chị|bạn|cô|chú|thầy|bác|ông|bà|cậu|mọi người)";

export const VIETNAMESE_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.vi",
    "ask",
    1.5,
    "asks for a short conversation (Vietnamese)",
    words(
      "(\\d{1,2}|mười|mười lăm|hai mươi|hai lăm|ba mươi|vài|dăm|ít) ?phút",
      "(gọi video|gọi zoom|họp zoom|họp online|gặp online|gặp trực tiếp|cà phê online)",
      "(nửa tiếng|nửa giờ|một tiếng ngắn|chút thời gian|ít thời gian|một ít thời gian|một chút thời gian|chút xíu thời gian)",
      `${YOU} (có thể|có thể nào|có thể vui lòng|có|sẽ) (dành|bớt|dành ra|thu xếp|sắp xếp|cho ${ME}) (${W} ){0,3}(thời gian|phút|buổi|lúc|chút)`,
      `(có thể|được|có dịp) ${TALK} (với |cùng )?${YOU}`,
      `(xin phép|cho ${ME} xin|${ME} xin|${ME} có thể xin|${ME} muốn xin) (${W} ){0,3}(thời gian|ít phút|vài phút|gặp|hỏi|trò chuyện|trao đổi|một buổi|một cuộc|lịch hẹn|hẹn)`,
      `(mong|rất mong|hy vọng|hi vọng|muốn|rất muốn|ước) (${W} ){0,4}(được|có dịp|có cơ hội) (${W} ){0,2}(trò chuyện|nói chuyện|trao đổi|gặp|hỏi|học hỏi|lắng nghe|nghe ${YOU} chia sẻ|mời ${YOU})`,
      `(mời|rủ|hẹn) ${YOU} (${W} ){0,2}(uống|đi|một ly|một tách|ly|tách) (${W} ){0,2}(cà phê|cafe|cafê|trà|nước)`,
      "(uống|đi|một|ly|tách|buổi|hẹn) (cà phê|cafe|cafê|trà sữa)",
      `(một|1) (cuộc|buổi) (gọi|gọi điện|gọi video|trò chuyện|nói chuyện|trao đổi|gặp|gặp mặt|hẹn|tâm sự)`,
      `(cuộc|buổi) (gọi|trò chuyện|nói chuyện|trao đổi|gặp) (ngắn|nhanh|nhỏ|online|trực tuyến|qua zoom|qua meet|qua điện thoại)`,
      `${TALK} (với ${YOU} )?(một chút|một lát|chút xíu|ít phút|vài phút|ngắn|nhanh|qua điện thoại|qua zoom|qua google meet|qua teams)`,
      `(hỏi|hỏi thăm|xin hỏi) ${YOU} (${W} ){0,2}(vài|một vài|một số|mấy|ít) (câu hỏi|câu|điều|thắc mắc)`,
      "(vài|một vài|một số|mấy) (câu hỏi|thắc mắc)",
      `${YOU} (có )?(rảnh|tiện|thuận tiện|có thời gian|có lịch) (${W} ){0,3}(không|ko|hông|chứ|nhỉ|nào|khi nào|lúc nào)`,
    ),
  ),
  E(
    "purpose.vi",
    "purpose",
    1.5,
    "is about the contact's path or advice (Vietnamese)",
    words(
      `(kinh nghiệm|con đường|hành trình|câu chuyện|lộ trình|quá trình|chặng đường|công việc|góc nhìn|quan điểm|góc độ) (sự nghiệp |nghề nghiệp |chuyển ngành |chuyển nghề |làm việc |thực tế )?(của )?${ELDER}`,
      "(chia sẻ|học hỏi|trao đổi|xin) (thêm )?(kinh nghiệm|lời khuyên|góc nhìn|bí quyết)",
      `(xin|nhận|nghe|cần|muốn có|mong nhận được|rất cần|hỏi) (${W} ){0,2}(lời khuyên|góp ý|định hướng|tư vấn|chỉ dẫn|chỉ bảo)`,
      `(lời khuyên|góp ý|định hướng|chỉ dẫn|chỉ bảo) (${W} ){0,2}(của|từ) ${ELDER}`,
      `${ELDER} (đã )?(chuyển|chuyển sang|bắt đầu|bước vào|đến với|theo đuổi|vào nghề|vào ngành|rẽ sang) (${W} ){0,4}(như thế nào|thế nào|ra sao|bằng cách nào)`,
      "(định hướng|lộ trình|con đường|phát triển) (nghề nghiệp|sự nghiệp)",
      `(chuyển|chuyển đổi|chuyển hướng|rẽ hướng|rẽ sang|bước sang|nhảy sang|nhảy việc sang|đổi) (sang |qua )?(ngành|nghề|lĩnh vực|hướng|công việc|vai trò|mảng)`,
      "(chuyển ngành|chuyển nghề|trái ngành|ngành khác|đổi nghề|đổi ngành|bỏ nghề)",
      `(làm (thế nào|sao)|bằng cách nào|như thế nào|thế nào|ra sao) (${W} ){0,2}(để )?(chuyển|bắt đầu|bước vào|theo đuổi|đến với)`,
      `(một ngày|ngày làm việc|công việc (hằng|hàng) ngày|công việc thực tế) (${W} ){0,3}(như thế nào|ra sao|thế nào|gồm những gì)`,
    ),
  ),
  E(
    "purpose.seeker.vi",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Vietnamese)",
    words(
      `${ME} (hiện |hiện tại |hiện đang |đang |mới |vừa ){0,2}(là )?(sinh viên|học viên|thực tập sinh|mới tốt nghiệp|vừa tốt nghiệp|mới ra trường|vừa ra trường|cựu sinh viên)`,
      `${ME} (${W} ){0,2}(muốn|mong muốn|dự định|định|tính|có ý định|đang tìm hiểu|tìm hiểu|cân nhắc|đang cân nhắc|chuẩn bị|quyết định|đang học|bắt đầu học) (${W} ){0,2}(chuyển|chuyển sang|chuyển ngành|chuyển nghề|chuyển hướng|bước sang|theo đuổi|thử sức|rẽ sang|về ngành|về lĩnh vực)`,
      "(đang tìm hiểu|tìm hiểu thêm|muốn tìm hiểu) (về )?(ngành|lĩnh vực|nghề|công việc|mảng)",
    ),
  ),
  E(
    "connection.vi",
    "connection",
    1.25,
    "mentions a referral or where the two met (Vietnamese)",
    words(
      `(được|qua|nhờ|theo lời|thông qua) (${W} ){0,4}(?<!tự )(giới thiệu|gợi ý|mách)(?! (bản thân|về bản thân|sơ qua|qua về|một chút|ngắn gọn))`,
      `(giới thiệu|gợi ý|khuyên|bảo|mách) ${ME} (nên )?(liên hệ|liên lạc|nhắn|hỏi|gặp|viết thư|email|gửi thư|tìm)`,
      `(cho|đưa|chia sẻ|gửi) ${ME} (${W} ){0,1}(email|địa chỉ email|địa chỉ|số điện thoại|số|liên hệ|thông tin liên hệ|thông tin|zalo|linkedin) (của )?${YOU}`,
      `(xin phép|muốn|để|cho ${ME}) (giới thiệu|kết nối) (hai|2|${YOU}|mọi người)`,
      "(giới thiệu|kết nối) (hai|2) (người|anh chị|bạn|anh|chị|em)",
      `(chúng ta|mình|hai đứa|tụi mình|chúng mình|${ME} và ${YOU}) (đã )?(từng )?(gặp|quen|biết|làm quen) (nhau )?(ở|tại|trong|qua|hôm|lần|ở buổi)`,
      `(biết|tìm thấy|thấy|đọc được|đọc) (đến |được )?(${YOU}|hồ sơ|bài viết|profile) (${W} ){0,3}(qua|trên|từ|thông qua|ở|tại) (linkedin|trang|nhóm|group|bài|sự kiện|hội thảo|buổi|diễn đàn|facebook|câu lạc bộ|cộng đồng)`,
      `(cựu sinh viên|đồng môn|cùng trường|cùng khóa|cùng lớp|cựu học sinh)`,
    ),
  ),
  E(
    "after.vi",
    "after",
    1,
    "thanks the other person for a conversation (Vietnamese)",
    words(
      `${THANKS} (${W} ){0,3}(đã |vì đã |vì |về |cho )?(dành|bớt|dành ra|bỏ|sắp xếp) (${W} ){0,2}(thời gian|chút thời gian|ít phút) (${W} ){0,3}(trò chuyện|nói chuyện|trao đổi|gặp|chia sẻ|hôm qua|hôm nay|hôm trước|vừa rồi|tuần trước|sáng nay|chiều nay|tối qua|tối nay)`,
      `${THANKS} (${W} ){0,3}(vì|về|cho|đã có) (${W} ){0,2}(buổi|cuộc|những|các|lời) (${W} ){0,1}(trò chuyện|nói chuyện|trao đổi|gặp|gặp gỡ|gọi|chia sẻ|lời khuyên|góp ý|cà phê|cafe|tư vấn)`,
      `(buổi|cuộc) (trò chuyện|nói chuyện|trao đổi|gặp|gặp gỡ|gọi|cà phê|cafe) (${W} ){0,4}(rất |thật |thật sự |vô cùng |cực kỳ )?(bổ ích|hữu ích|ý nghĩa|thú vị|vui|quý giá|truyền cảm hứng)`,
      `(rất |thật |thật sự )?(vui|vui mừng|hân hạnh) (vì |khi |được )*(đã )?(được )?(gặp|trò chuyện|nói chuyện|trao đổi|quen) (với )?${YOU}`,
      `(học|học hỏi|nhận) (được )?(rất nhiều|nhiều điều|rất nhiều điều|nhiều|thêm nhiều) (${W} ){0,2}(từ ${YOU}|từ buổi|qua buổi|sau buổi)`,
    ),
  ),
  E(
    "update.vi",
    "update",
    1.5,
    "shares progress or keeps in touch (Vietnamese)",
    words(
      `(muốn|xin|xin phép|tiện) (${W} ){0,1}(cập nhật|báo tin|báo|khoe|kể|chia sẻ) (với |cho )?${YOU} (${W} ){0,2}(tin|tình hình|chút|một chút|kết quả|tin vui)`,
      "(cập nhật|báo tin|khoe|kể) (nhanh |ngắn )?(một chút|chút|vài dòng|tin vui|tình hình)",
      `(nhờ|nhờ có|nhờ vào|theo) (${W} ){0,1}(lời khuyên|sự giúp đỡ|gợi ý|những chia sẻ|chia sẻ|sự giới thiệu|góp ý|định hướng) (của |từ )?${YOU}`,
      "(tin vui|một tin vui|có tin vui)",
    ),
  ),
  E(
    "offer.vi",
    "offer",
    1,
    "offers to talk or help (Vietnamese)",
    words(
      `(rất |luôn |hoàn toàn )?(sẵn lòng|sẵn sàng|vui lòng|rất vui được|vui được) (${W} ){0,2}(trò chuyện|nói chuyện|gặp|chia sẻ|giúp|giúp đỡ|hỗ trợ|trao đổi|gọi|uống)`,
      `(cứ |có gì |nếu cần |khi nào cần )+(${W} ){0,1}(gọi|nhắn|nhắn tin|liên hệ|email|hỏi|inbox|zalo) (cho )?(anh|chị|mình|tôi|cô|chú)`,
      "(được chứ|được thôi|ok em|oke em|tất nhiên rồi|tất nhiên là được|dĩ nhiên rồi|chắc chắn rồi|không vấn đề gì)",
    ),
  ),
  E(
    "hiring.vi",
    "hiring",
    -2,
    "talks about a formal hiring process (Vietnamese)",
    words(
      "(hồ sơ ứng tuyển|đơn ứng tuyển|đơn xin việc|thư xin việc|hồ sơ dự tuyển|vòng phỏng vấn|buổi phỏng vấn tuyển dụng|lịch phỏng vấn|phỏng vấn vòng|quy trình tuyển dụng|vòng tiếp theo|vòng sau|bài kiểm tra năng lực|bài test|kết quả phỏng vấn|kết quả ứng tuyển|thư mời phỏng vấn|thư mời nhận việc|vị trí ứng tuyển|vị trí bạn ứng tuyển|cảm ơn bạn đã ứng tuyển|đã ứng tuyển)",
    ),
  ),
  E(
    "recruiter.vi",
    "recruiter",
    -2,
    "reads like a recruiter pitch (Vietnamese)",
    words(
      "(khách hàng của (chúng tôi|bên em|bên mình|em)|cơ hội (việc làm|nghề nghiệp) (hấp dẫn|tại|với)|vị trí hấp dẫn|mức lương hấp dẫn|mức lương cạnh tranh|thu nhập hấp dẫn|đang tìm kiếm ứng viên|tìm ứng viên|ứng viên phù hợp|săn đầu người|tư vấn tuyển dụng|chuyên viên tuyển dụng|jd đính kèm)",
    ),
  ),
];
