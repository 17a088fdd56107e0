/// `chiso check`: grading lesson files (ChisoReport's `Grader`, the CLI's `CheckCommand`).
enum GradingMessages {
  static let all: [Message] = [
    Message(
      "grade.summary", en: "lesson {1}: {2} of {0} answers right", vi: "bài {1}: đúng {2} trên {0} câu",
      enOne: "lesson {1}: {2} of {0} answer right"),
    Message(
      "grade.failed", en: "{0} queries did not run", vi: "{0} truy vấn không chạy được", enOne: "{0} query did not run"),
    Message(
      "grade.total", en: "{1} lessons: {2} of {0} answers right", vi: "{1} bài: đúng {2} trên {0} câu",
      enOne: "{1} lessons: {2} of {0} answer right"),
    Message("grade.right", en: "{0}: right — {1}", vi: "{0}: đúng — {1}"),
    Message("grade.wrong", en: "{0}: wrong — {1}", vi: "{0}: sai — {1}"),
    Message(
      "grade.did-not-run", en: "the query did not run (the error is above), so it gives no answer",
      vi: "truy vấn không chạy được (lỗi ở trên) nên chưa có câu trả lời"),
    Message(
      "grade.own-answer", en: "the file defines `{0}` itself, but the answer comes from {1}: delete your `let {0} = …`",
      vi: "tệp tự định nghĩa `{0}`, nhưng đáp án lấy từ {1}: hãy xoá `let {0} = …` của bạn"),
    Message(
      "grade.no-key", en: "there is no solution file {0} to take the answer from (give the folder of solutions with --key DIR)",
      vi: "không có tệp lời giải {0} để lấy đáp án (hãy chỉ thư mục lời giải bằng --key DIR)"),
    Message(
      "grade.key-broken", en: "the solution file {0} does not run:", vi: "tệp lời giải {0} không chạy được:"),
    Message(
      "grade.no-check", en: "{0} has no `check`: there is nothing to grade (an exercise ends its query with `check answer`)",
      vi: "{0} không có `check`: không có gì để chấm (bài tập kết thúc truy vấn bằng `check answer`)"),
    Message(
      "grade.wrong-answers", en: "{0} answers are wrong (exit status 4)", vi: "{0} câu trả lời sai (mã thoát 4)",
      enOne: "{0} answer is wrong (exit status 4)"),
  ]
}
