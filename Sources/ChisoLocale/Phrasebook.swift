/// Vietnamese for the messages the core writes in English.
///
/// The core stays language-neutral: a `Diagnostic` carries a stable id (`unknown-column`) and an
/// English message. At render time a front end asks the phrasebook to say it in the user's
/// language: the English templates for that id are matched against the message to recover its
/// arguments (the column's name, the types), which then fill the Vietnamese template. A message
/// no template matches (new wording, a rare error) is shown in English, never garbled.
///
/// Fragments are the smaller pieces: caret labels, `help:` lines, the step summaries of
/// `--step`, and parts such as `3 rows` inside them.
public enum Phrasebook {
  /// One English wording and its Vietnamese, under a diagnostic id (or a fragment's kind).
  public struct Phrase: Sendable {
    public let id: String
    public let en: Template
    public let vi: Template

    init(_ id: String, _ en: String, _ vi: String) {
      self.id = id
      self.en = Template(en)
      self.vi = Template(vi)
    }
  }

  /// Translates a diagnostic's message: the templates under `id` first, then every fragment.
  public static func message(_ text: String, id: String, to language: Language) -> String {
    guard language != .en else { return text }
    for phrase in diagnostics where phrase.id == id {
      if let arguments = phrase.en.match(text) { return phrase.vi.fill(arguments.map { inner($0, language) }) }
    }
    return fragment(text, to: language)
  }

  /// Translates a caret label or a `help:` line; unchanged when nothing matches.
  public static func fragment(_ text: String, to language: Language) -> String {
    translate(text, fragments.filter { $0.id != "step" }, language)
  }

  static func translate(_ text: String, _ phrases: [Phrase], _ language: Language) -> String {
    guard language != .en, !text.isEmpty else { return text }
    for phrase in phrases {
      if let arguments = phrase.en.match(text) { return phrase.vi.fill(arguments.map { inner($0, language) }) }
    }
    return text
  }

  /// A step summary of `--step` (parts joined by `; `), part by part.
  public static func stepSummary(_ text: String, to language: Language) -> String {
    guard language != .en else { return text }
    let phrases = fragments.filter { $0.id == "step" }
    return parts(text).map { translate($0, phrases, language) }.joined(separator: "; ")
  }

  /// `text` split at `; ` outside brackets and backticks.
  static func parts(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    var depth = 0
    var code = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      if c == "`" { code.toggle() }
      if !code, "([{".contains(c) { depth += 1 }
      if !code, ")]}".contains(c) { depth = max(0, depth - 1) }
      if c == ";", depth == 0, !code, chars.first == " " {
        out.append(current)
        current = ""
        chars = chars.dropFirst()
        continue
      }
      current.append(c)
    }
    out.append(current)
    return out
  }

  /// An argument captured from a template: counted nouns and lists inside it are translated too
  /// (`3 rows` → `3 dòng`); code in backticks is left alone.
  static func inner(_ argument: String, _ language: Language) -> String {
    if argument.hasPrefix("`") { return argument }
    for phrase in countedNouns {
      // Only short pieces: `3 rows`, `text and int`; never a sentence that happens to fit.
      guard let arguments = phrase.en.match(argument), arguments.allSatisfy({ !$0.contains(" ") }) else { continue }
      return phrase.vi.fill(arguments)
    }
    return argument
  }

  /// The ids that have at least one template.
  public static var diagnosticIDs: Set<String> { Set(diagnostics.map(\.id)) }

  static let countedNouns: [Phrase] = [
    Phrase("noun", "{0} rows", "{0} dòng"), Phrase("noun", "{0} row", "{0} dòng"),
    Phrase("noun", "{0} columns", "{0} cột"), Phrase("noun", "{0} column", "{0} cột"),
    Phrase("noun", "{0} group rows", "{0} dòng nhóm"), Phrase("noun", "{0} group row", "{0} dòng nhóm"),
    Phrase("noun", "{0} and {1}", "{0} và {1}"),
  ]

  /// Diagnostic messages by id. Several wordings may share an id (`type-mismatch`).
  public static let diagnostics: [Phrase] = [
    // Unknown names.
    Phrase("unknown-column", "unknown column `{0}`", "không có cột `{0}`"),
    Phrase("unknown-table", "unknown table `{0}`", "không có bảng `{0}`"),
    Phrase("unknown-function", "unknown function `{0}`", "không có hàm `{0}`"),
    Phrase("unknown-transform", "unknown transform `{0}`", "không có phép biến đổi `{0}`"),
    Phrase("unknown-argument", "`{0}` has no argument `{1}`", "`{0}` không có tham số `{1}`"),
    Phrase("unknown-parameter", "the script declares no parameter `{0}`", "kịch bản không khai báo tham số `{0}`"),
    Phrase("unknown-relation", "no relation `{0}` here", "ở đây không có quan hệ (bảng) `{0}`"),
    Phrase("unknown-index", "no manifest for index `{0}`", "không có bản mô tả (manifest) cho chỉ số `{0}`"),
    Phrase("unknown-unit", "no rows for `{0}` in {1}", "không có dòng nào cho `{0}` trong năm {1}"),
    Phrase("unknown-component", "`{0}` has no `{1}` in {2}", "`{0}` không có chỉ số thành phần `{1}` trong năm {2}"),
    Phrase("ambiguous-column", "`{0}` is ambiguous", "tên `{0}` có thể chỉ nhiều cột"),
    // Type errors.
    Phrase("type-mismatch", "`filter` needs a true/false condition, this is {0}", "`filter` cần một điều kiện đúng/sai, ở đây là {0}"),
    Phrase("type-mismatch", "`{0}` cannot take a {1} column", "`{0}` không nhận cột kiểu {1}"),
    Phrase("type-mismatch", "`case` values must have one type: {0} and {1}", "các giá trị của `case` phải cùng một kiểu: {0} và {1}"),
    Phrase("type-mismatch", "`take` needs a whole number", "`take` cần một số nguyên"),
    Phrase("type-mismatch", "a `case` condition must be true/false, this is {0}", "điều kiện của `case` phải là đúng/sai, ở đây là {0}"),
    Phrase("type-mismatch", "a join condition must be true/false, this is {0}", "điều kiện nối (join) phải là đúng/sai, ở đây là {0}"),
    Phrase("type-mismatch", "column `{0}` mixes {1} and {2}", "cột `{0}` lẫn hai kiểu {1} và {2}"),
    Phrase("type-mismatch", "`append` cannot stack column `{0}` ({1}) on `{2}` ({3})", "`append` không thể xếp cột `{0}` ({1}) lên cột `{2}` ({3})"),
    Phrase("type-mismatch", "a year is a whole number", "năm phải là một số nguyên"),
    Phrase("type-mismatch", "`{0}:` takes a whole number", "`{0}:` nhận một số nguyên"),
    Phrase("type-mismatch", "`{0}:` takes a number", "`{0}:` nhận một số"),
    Phrase("type-mismatch", "window bounds are whole numbers", "giới hạn của cửa sổ phải là số nguyên"),
    Phrase("type-mismatch", "`unpivot` cannot fold {0} and {1} columns together", "`unpivot` không thể gộp cột kiểu {0} với cột kiểu {1}"),
    Phrase("type-mismatch", "a `loop` step changes `{0}` from {1} to {2}", "một bước của `loop` đổi kiểu của `{0}` từ {1} sang {2}"),
    Phrase("type-mismatch", "{0} cannot take {1}", "{0} không nhận {1}"),
    Phrase("bad-type", "`as` takes a type: int, float, text, bool, date, timestamp", "`as` nhận một kiểu: int, float, text, bool, date, timestamp"),
    // Syntax.
    Phrase("unterminated-string", "unterminated string", "chuỗi chưa được đóng"),
    Phrase("unterminated-identifier", "unterminated quoted identifier", "tên trong dấu ` chưa được đóng"),
    Phrase("unclosed", "this `{0}` is never closed", "dấu `{0}` này chưa được đóng"),
    Phrase("unexpected-token", "expected {0}, found {1}", "cần {0}, nhưng gặp {1}"),
    Phrase("unexpected-character", "unexpected character `{0}`", "ký tự không hợp lệ `{0}`"),
    Phrase("trailing-pipe", "the pipeline ends with `|`", "pipeline kết thúc bằng `|`"),
    Phrase("bad-number", "`{0}` is not a number", "`{0}` không phải là một số"),
    Phrase("bad-date", "`@{0}` is not a valid date", "`@{0}` không phải là ngày hợp lệ"),
    Phrase("bad-date", "expected a date after `@`", "cần một ngày sau `@`"),
    Phrase("empty-parens", "empty parentheses", "cặp ngoặc rỗng"),
    Phrase("misplaced-from", "`from` starts a pipeline; it cannot follow another step", "`from` mở đầu một pipeline; nó không thể đứng sau một bước khác"),
    Phrase("not-a-transform", "expected a transform such as `filter`, `derive` or `sort`", "cần một phép biến đổi như `filter`, `derive` hoặc `sort`"),
    Phrase("not-a-transform", "expected a transform", "cần một phép biến đổi"),
    Phrase("not-a-relation", "expected a relation (a table, a pipeline or `[{…}]`)", "cần một quan hệ (một bảng, một pipeline hoặc `[{…}]`)"),
    Phrase("not-a-relation", "`{0}` is a function, not a relation", "`{0}` là một hàm, không phải một quan hệ"),
    Phrase("not-a-relation", "`{0}` must be applied to a relation", "`{0}` phải được áp dụng cho một quan hệ"),
    Phrase("no-main", "the query has no main pipeline", "truy vấn không có pipeline chính"),
    Phrase("empty-pipeline", "empty pipeline", "pipeline rỗng"),
    // Arguments and placement.
    Phrase("argument-count", "`{0}` takes {1} arguments, got {2}", "`{0}` nhận {1} tham số, nhưng được đưa {2}"),
    Phrase("argument-count", "`{0}` takes {1} argument, got {2}", "`{0}` nhận {1} tham số, nhưng được đưa {2}"),
    Phrase("argument-count", "`{0}` takes one column", "`{0}` nhận một cột"),
    Phrase("extra-argument", "`{0}` takes {1} arguments, got {2}", "`{0}` nhận {1} tham số, nhưng được đưa {2}"),
    Phrase("extra-argument", "`{0}` takes {1} argument, got {2}", "`{0}` nhận {1} tham số, nhưng được đưa {2}"),
    Phrase("missing-argument", "`from` needs a table", "`from` cần một bảng"),
    Phrase("missing-argument", "`{0}` needs a condition", "`{0}` cần một điều kiện"),
    Phrase("missing-argument", "`{0}` needs {1}", "`{0}` cần {1}"),
    Phrase("missing-argument", "this verb needs two years: `compare 2015 2016`", "động từ này cần hai năm: `compare 2015 2016`"),
    Phrase("missing-column", "this verb needs a {0} column ({1}), and the relation has none", "động từ này cần một cột {0} ({1}), nhưng quan hệ không có"),
    Phrase("not-aggregated", "`{0}` is neither a group key nor inside an aggregate", "`{0}` không phải khóa nhóm, cũng không nằm trong một hàm tổng hợp"),
    Phrase("misplaced-aggregate", "`{0}` is an aggregate; use it in `aggregate`, `derive` or `select`", "`{0}` là hàm tổng hợp; hãy dùng nó trong `aggregate`, `derive` hoặc `select`"),
    Phrase("misplaced-window", "`{0}` works on ordered rows; use it in `derive` or `select`", "`{0}` làm việc trên các dòng có thứ tự; hãy dùng nó trong `derive` hoặc `select`"),
    Phrase("unordered-rank", "`{0}` needs an order: `sort` first", "`{0}` cần một thứ tự: hãy `sort` trước"),
    Phrase("ambiguous-parameter", "`{0}` is both a script parameter and a column", "`{0}` vừa là tham số của kịch bản vừa là một cột"),
    Phrase("function-as-value", "`{0}` is a function; give it an argument", "`{0}` là một hàm; hãy đưa cho nó một tham số"),
    Phrase("sql-not-supported", "s-strings hold SQL, and chiso runs PRQL only", "s-string chứa SQL, còn chiso chỉ chạy PRQL"),
    // Warnings and index verbs.
    Phrase(
      "methodology-break", "the result lists {0} `{1}` from both sides of a methodology break in {2}",
      "kết quả liệt kê {0} `{1}` ở cả hai phía của một lần thay đổi phương pháp vào năm {2}"),
    Phrase(
      "methodology-break", "this step compares {0} `{1}` across a methodology break in {2}",
      "bước này so sánh {0} `{1}` qua một lần thay đổi phương pháp vào năm {2}"),
    Phrase(
      "methodology-break", "this query compares {0} `{1}` across a methodology break in {2}",
      "truy vấn này so sánh {0} `{1}` qua một lần thay đổi phương pháp vào năm {2}"),
    Phrase("no-such-value", "`{0}` never equals \"{1}\"", "`{0}` không bao giờ bằng \"{1}\""),
    Phrase(
      "methodology-break", "the result lists {0} {1} across methodology breaks in {2}",
      "kết quả liệt kê {0} {1} qua các lần thay đổi phương pháp vào năm {2}"),
    Phrase(
      "join-fan-out", "this join made {0} rows from {1} (×{2}): several rows of the right match each row of the left",
      "phép nối này tạo ra {0} dòng từ {1} dòng (×{2}): mỗi dòng bên trái khớp với nhiều dòng bên phải"),
    Phrase("empty-result", "no rows: this filter kept none of the {0} rows before it", "không có dòng nào: bộ lọc này không giữ lại dòng nào trong {0} dòng trước nó"),
    Phrase(
      "empty-result", "no rows: this join matched none of the {0} rows of the left with the {1} of the right",
      "không có dòng nào: phép nối này không khớp dòng nào trong {0} dòng bên trái với {1} dòng bên phải"),
    Phrase("empty-result", "no rows: this `take` keeps none", "không có dòng nào: `take` này không giữ dòng nào"),
    Phrase(
      "alias-spelling", "`{0}` never equals \"{1}\": the data spells it \"{2}\"",
      "`{0}` không bao giờ bằng \"{1}\": dữ liệu viết là \"{2}\""),
    Phrase(
      "partial-year", "{0} {1} covers {2} of {3} provinces: ranks and comparisons computed here are among those {4}, not the published ones",
      "{0} năm {1} chỉ có {2} trên {3} tỉnh, thành phố: xếp hạng và so sánh tính ở đây là giữa {4} tỉnh đó, không phải xếp hạng đã công bố"),
    Phrase(
      "partial-year", "{0} {1} covers {2} of {3} provinces: ranks and comparisons computed here are among that one, not the published ones",
      "{0} năm {1} chỉ có {2} trên {3} tỉnh, thành phố: xếp hạng và so sánh tính ở đây chỉ có một tỉnh đó, không phải xếp hạng đã công bố"),
    Phrase(
      "partial-year", "{0} {1} `{2}` covers {3} of {4} provinces: ranks and comparisons computed here are among those {5}, not the published ones",
      "{0} năm {1} `{2}` chỉ có {3} trên {4} tỉnh, thành phố: xếp hạng và so sánh tính ở đây là giữa {5} tỉnh đó, không phải xếp hạng đã công bố"),
    Phrase("partial-year", "{0} {1} covers only {2} of {3} provinces", "{0} năm {1} chỉ có {2} trên {3} tỉnh, thành phố"),
    Phrase("partial-year", "{0} {1} `{2}` covers only {3} of {4} provinces", "{0} năm {1} `{2}` chỉ có {3} trên {4} tỉnh, thành phố"),
    Phrase(
      "partial-year", "{0} {1} has published ranks for only {2} of {3} provinces",
      "{0} năm {1} chỉ có xếp hạng đã công bố cho {2} trên {3} tỉnh, thành phố"),
    Phrase(
      "year-not-covered", "`{0}` has no year {1}: the result is empty for that reason",
      "`{0}` không có năm {1}: vì thế kết quả trống"),
    Phrase("no-manifest", "`bands` needs an index manifest: name it with `index:par_index`", "`bands` cần bản mô tả (manifest) của chỉ số: hãy nêu bằng `index:par_index`"),
    Phrase("no-weights", "the {0} manifest states no component weights", "bản mô tả của {0} không nêu trọng số của các chỉ số thành phần"),
    Phrase("cannot-fit", "cannot fit weights for {0}: {1} complete units for {2} unknowns", "không ước lượng được trọng số cho năm {0}: chỉ có {1} đơn vị đủ dữ liệu cho {2} ẩn số"),
    Phrase("data", "while reading the table named here", "khi đọc bảng được nêu ở đây"),
    Phrase("runtime", "division by zero", "chia cho số không"),
    Phrase("runtime", "integer overflow in {0}", "tràn số nguyên trong {0}"),
    // Reliability (issue 12): checked arithmetic, NaN, limits.
    Phrase(
      "runtime", "integer overflow: {0} does not fit in an int (from {1} to {2})",
      "tràn số nguyên: {0} không nằm vừa trong kiểu int (từ {1} đến {2})"),
    Phrase(
      "runtime", "integer overflow in `sum`: the total passes {0}", "tràn số nguyên trong `sum`: tổng vượt quá {0}"),
    Phrase(
      "runtime", "integer overflow in `sum`: a window's total passes {0}",
      "tràn số nguyên trong `sum`: tổng của một cửa sổ vượt quá {0}"),
    Phrase("runtime", "{0} does not fit in an int (from {1} to {2})", "{0} không nằm vừa trong kiểu int (từ {1} đến {2})"),
    Phrase(
      "runtime", "date out of range: chiso's dates and timestamps run from {0} to {1}",
      "ngày nằm ngoài phạm vi: ngày và thời điểm của chiso chỉ từ {0} đến {1}"),
    Phrase("runtime", "`loop` ran {0} times without ending", "`loop` đã chạy {0} lần mà không dừng"),
    Phrase(
      "runtime", "{0} would need about {1}, more than the memory limit ({2})",
      "{0} sẽ cần khoảng {1}, nhiều hơn giới hạn bộ nhớ ({2})"),
    Phrase(
      "runtime", "{0} would take about {1} steps, more than chiso allows one verb ({2})",
      "{0} sẽ cần khoảng {1} bước, nhiều hơn mức chiso cho phép một động từ ({2})"),
    Phrase(
      "runtime", "`{0}` is {1} for {2} in {3}: ranks and weights need finite values",
      "`{0}` là {1} với {2} năm {3}: xếp hạng và trọng số cần giá trị hữu hạn"),
    Phrase("runtime", "the data has no {0} {1}", "dữ liệu không có {0} {1}"),
    Phrase("runtime", "invalid regular expression {0}: {1}", "biểu thức chính quy không hợp lệ {0}: {1}"),
    Phrase("runtime", "cancelled", "đã huỷ"),
    Phrase("out-of-range", "the interval {0} is too long", "khoảng thời gian {0} quá dài"),
    Phrase(
      "bad-interval", "an interval in {0} only has a meaning added to or subtracted from a date or timestamp",
      "khoảng thời gian tính bằng {0} chỉ có nghĩa khi cộng vào hoặc trừ khỏi một ngày hay thời điểm"),
    Phrase("type-mismatch", "an interval minus a date has no meaning", "lấy khoảng thời gian trừ đi một ngày là vô nghĩa"),
    Phrase(
      "type-mismatch", "`{0}` cannot take {1} and an interval in {2}", "`{0}` không nhận {1} cùng một khoảng thời gian tính bằng {2}"),
    Phrase(
      "loop-column-order", "the `loop` step gives its columns in another order ({0}) than its input ({1})",
      "bước của `loop` cho các cột theo thứ tự khác ({0}) với đầu vào ({1})"),
    Phrase(
      "non-finite-rank", "`{0}` ranks values that include {1}", "`{0}` xếp hạng các giá trị có cả {1}"),
    // Arguments of transforms and verbs.
    Phrase("bad-argument", "`what_if` takes `set:` or `raise:`, not both", "`what_if` nhận `set:` hoặc `raise:`, không nhận cả hai"),
    Phrase("bad-argument", "`pivot` takes one column each: `pivot component score`", "`pivot` nhận mỗi loại một cột: `pivot component score`"),
    Phrase("bad-argument", "`pivot` columns must be visible", "các cột của `pivot` phải là cột đang hiển thị"),
    Phrase("bad-argument", "`by:` takes column names", "`by:` nhận tên cột"),
    Phrase("bad-argument", "the offset of `{0}` must be a whole number ≥ 0", "độ lệch của `{0}` phải là số nguyên ≥ 0"),
    Phrase("bad-argument", "`{0}` needs a file path in quotes", "`{0}` cần một đường dẫn tệp trong dấu ngoặc kép"),
    Phrase("bad-argument", "`from_text` needs the text in quotes", "`from_text` cần văn bản trong dấu ngoặc kép"),
    Phrase("bad-argument", "nested tuple in `derive`", "tuple lồng nhau trong `derive`"),
    Phrase("bad-argument", "expected a column name", "cần một tên cột"),
    Phrase("bad-argument", "`fill_null` takes `column = value` pairs", "`fill_null` nhận các cặp `cột = giá_trị`"),
    Phrase("bad-argument", "`{0}:` takes a range such as `-2..0`", "`{0}:` nhận một khoảng như `-2..0`"),
    Phrase("bad-argument", "`take` needs a count of at least 0", "`take` cần một số lượng từ 0 trở lên"),
    Phrase("bad-argument", "expected a constant here", "ở đây cần một hằng số"),
    Phrase("bad-argument", "`in` takes a range (`1..5`) or an array (`[1, 2]`)", "`in` nhận một khoảng (`1..5`) hoặc một mảng (`[1, 2]`)"),
    Phrase("bad-argument", "`{0}:` takes {1}", "`{0}:` nhận {1}"),
    Phrase("bad-argument", "`{0}:` is {1}", "`{0}:` là {1}"),
    Phrase("duplicate-argument", "`{0}:` is given twice", "`{0}:` được đưa hai lần"),
    Phrase("duplicate-argument", "`{0}` is listed twice", "`{0}` được liệt kê hai lần"),
    Phrase("out-of-range", "`{0}:` must be between {1} and {2}, got {3}", "`{0}:` phải nằm trong khoảng {1} đến {2}, nhưng được đưa {3}"),
    Phrase("out-of-range", "`{0}:` must be {1}, got {2}", "`{0}:` phải là {1}, nhưng được đưa {2}"),
    Phrase("out-of-range", "`{0}weeks` is too long an interval", "`{0}weeks` là một khoảng thời gian quá dài"),
    Phrase("column-count", "`{0}` needs relations with the same number of columns: {1} and {2}", "`{0}` cần các quan hệ có cùng số cột: {1} và {2}"),
    Phrase("column-count", "a `loop` step must keep the same columns ({0}), it gives {1}", "mỗi bước của `loop` phải giữ nguyên số cột ({0}), nhưng nó cho {1}"),
    // Literals and syntax.
    Phrase("bad-escape", "expected `{` after `\\u`", "cần `{` sau `\\u`"),
    Phrase("bad-escape", "invalid unicode escape", "mã thoát unicode không hợp lệ"),
    Phrase("bad-inline-relation", "an inline relation is a list of tuples: `[{a = 1}, {a = 2}]`", "một quan hệ viết trực tiếp là một danh sách tuple: `[{a = 1}, {a = 2}]`"),
    Phrase("bad-inline-relation", "every row must have the columns {0}", "mọi dòng phải có các cột {0}"),
    Phrase("bad-inline-relation", "every row must have {0} columns", "mọi dòng phải có {0} cột"),
    Phrase("unterminated-interpolation", "`{` in an f-string is never closed", "dấu `{` trong f-string chưa được đóng"),
    Phrase("too-deep", "expression nested too deeply (more than {0} levels)", "biểu thức lồng quá sâu (hơn {0} cấp)"),
    Phrase("unsupported", "intervals in {0} are not supported yet; use days", "chưa hỗ trợ khoảng thời gian tính bằng {0}; hãy dùng days"),
    Phrase("unsupported", "modules are not supported", "chưa hỗ trợ module"),
    Phrase("misplaced-self-equality", "`==column` only works as a join condition: `join t (==id)`", "`==cột` chỉ dùng được làm điều kiện nối: `join t (==id)`"),
    Phrase("misplaced-this", "`{0}` stands for a whole relation; name a column: `{0}.x`", "`{0}` là cả một quan hệ; hãy nêu một cột: `{0}.x`"),
    Phrase("not-a-function", "expected a function after `|`", "cần một hàm sau `|`"),
    Phrase("not-a-function", "only named functions can be called", "chỉ gọi được các hàm có tên"),
    Phrase("unexpected-array", "an array `[…]` cannot be used as a value here", "không dùng được một mảng `[…]` làm giá trị ở đây"),
    Phrase("unexpected-function", "a function cannot be used as a value here", "không dùng được một hàm làm giá trị ở đây"),
    Phrase("unexpected-range", "a range is only a value for `in` and `take`", "một khoảng chỉ là giá trị cho `in` và `take`"),
    Phrase("unexpected-tuple", "a tuple `{…}` cannot be used as a value here", "không dùng được một tuple `{…}` làm giá trị ở đây"),
    Phrase("recursion", "`{0}` calls itself too deeply", "`{0}` gọi chính nó quá sâu"),
    // Index verbs and manifests.
    Phrase("needs-data", "this step names its columns after the data, which is not read here", "bước này đặt tên cột theo dữ liệu, mà ở đây dữ liệu không được đọc"),
    Phrase("no-band-thresholds", "the {0} manifest names its bands but gives no thresholds", "bản mô tả của {0} nêu tên các nhóm xếp loại nhưng không nêu ngưỡng"),
    Phrase("no-scale", "the {0} manifest gives no maximum score; pass `max:`", "bản mô tả của {0} không nêu điểm tối đa; hãy dùng `max:`"),
    Phrase("no-composite", "`{0}` has no `{1}` in {2}", "`{0}` không có `{1}` trong năm {2}"),
    Phrase("no-weight", "no weight for `{0}`", "không có trọng số cho `{0}`"),
    Phrase("null-name", "`pivot` met a null `{0}`; filter it out first", "`pivot` gặp giá trị null ở `{0}`; hãy lọc bỏ trước"),
    Phrase(
      "pivot-duplicate", "`pivot` found two values for `{0}`, and no other column tells the rows apart",
      "`pivot` gặp hai giá trị cho `{0}`, và không có cột nào khác phân biệt được các dòng"),
    Phrase("pivot-duplicate", "`pivot` found two values for `{0}` at ({1})", "`pivot` gặp hai giá trị cho `{0}` tại ({1})"),
    Phrase("coverage", "{0} has no {1} for {2}", "{0} không có {1} cho {2}"),
    Phrase(
      "empty-result", "no rows: step {0}, `{1}`, kept none of the {2} rows before it",
      "không có dòng nào: bước {0}, `{1}`, không giữ lại dòng nào trong {2} dòng trước đó"),
    // The session.
    Phrase("schema-changed", "`{0}` keeps changing while it is read", "`{0}` liên tục thay đổi trong khi đang được đọc"),
    Phrase("schema-changed", "`{0}` changed since the query was planned; run it again", "`{0}` đã thay đổi từ khi truy vấn được lập kế hoạch; hãy chạy lại"),
    Phrase("schema-changed", "`{0}` changed while the query was planned; run it again", "`{0}` đã thay đổi trong khi truy vấn được lập kế hoạch; hãy chạy lại"),
    Phrase(
      "cache-ignored", "ignored the cache file {0} ({1}); the column is read from its source and cached again",
      "đã bỏ qua tệp bộ nhớ đệm {0} ({1}); cột được đọc lại từ tệp nguồn và lưu đệm lại"),
    Phrase("cache-ignored", "could not write the cache ({0}); chiso works on without it", "không ghi được bộ nhớ đệm ({0}); chiso vẫn chạy tiếp mà không cần nó"),
    Phrase("internal", "internal error: {0}", "lỗi nội bộ: {0}"),
    Phrase("internal", "function {0} is missing from the registry", "hàm {0} không có trong danh mục hàm"),
    Phrase("internal", "operator {0} has no function", "toán tử {0} không có hàm tương ứng"),
    Phrase("test", "no main", "không có pipeline chính"),
  ]

  /// Labels under carets, `help:` lines, and the sentences of step mode.
  public static let fragments: [Phrase] = [
    // Labels and hints.
    Phrase("label", "did you mean `{0}`?", "có phải ý bạn là `{0}`?"),
    Phrase("label", "did you mean \"{0}\"?", "có phải ý bạn là \"{0}\"?"),
    Phrase("label", "opened here", "mở ở đây"),
    Phrase("label", "nothing follows this `|`", "không có gì sau dấu `|` này"),
    Phrase("label", "rows from {0} to {1}", "các dòng từ {0} đến {1}"),
    Phrase("label", "rows from {0}", "các dòng năm {0}"),
    Phrase("label", "compares {0}", "so sánh {0}"),
    Phrase("hint", "available columns: {0}", "các cột hiện có: {0}"),
    Phrase("hint", "tables: {0}", "các bảng: {0}"),
    Phrase("hint", "transforms: {0}", "các phép biến đổi: {0}"),
    Phrase("hint", "indices: {0}", "các chỉ số: {0}"),
    Phrase("hint", "see `chiso --describe {0}`", "xem `chiso --describe {0}`"),
    Phrase("hint", "text comparisons are exact: diacritics and case count", "so sánh văn bản là so sánh chính xác: dấu và chữ hoa/thường đều có tính"),
    Phrase("hint", "no tables: pass --data DIR with CSV or JSON files", "không có bảng nào: hãy dùng --data DIR với thư mục chứa tệp CSV hoặc JSON"),
    Phrase("hint", "start the pipeline with `from TABLE`", "hãy bắt đầu pipeline bằng `from TABLE`"),
    Phrase("hint", "end with a pipeline such as `from pci | take 5`", "hãy kết thúc bằng một pipeline như `from pci | take 5`"),
    Phrase("hint", "to combine relations use `join`, `append`, `remove` or `intersect`", "để kết hợp các quan hệ, hãy dùng `join`, `append`, `remove` hoặc `intersect`"),
    Phrase("hint", "add a step after it, or remove it", "hãy thêm một bước sau nó, hoặc xóa nó đi"),
    Phrase("hint", "add `)` at the end of the expression", "hãy thêm `)` vào cuối biểu thức"),
    Phrase("hint", "to join text use an f-string: f\"{a}{b}\"", "để nối văn bản, hãy dùng f-string: f\"{a}{b}\""),
    Phrase("hint", "convert text to a number with `(x | as float)`", "đổi văn bản thành số bằng `(x | as float)`"),
    Phrase("hint", "convert to float first: `(x | as float)`", "hãy đổi sang float trước: `(x | as float)`"),
    Phrase("hint", "wrap it in an aggregate (`max {0}`) or add it to the group keys", "hãy bọc nó trong một hàm tổng hợp (`max {0}`) hoặc thêm nó vào các khóa nhóm"),
    Phrase("hint", "e.g. `group {year} (sort {-score} | derive r = rank score)`", "ví dụ `group {year} (sort {-score} | derive r = rank score)`"),
    Phrase("hint", "{0} takes: {1}", "{0} nhận: {1}"),
    Phrase("hint", "write `from t | {0}`", "hãy viết `from t | {0}`"),
    Phrase("hint", "dates are written `@2019-05-27`, timestamps `@2019-05-27T10:30:00`", "ngày được viết `@2019-05-27`, thời điểm `@2019-05-27T10:30:00`"),
    // Step mode (`--step`, `.step`, reports with --steps).
    Phrase("step", "starts with {0} and {1}: {2}", "bắt đầu với {0} và {1}: {2}"),
    Phrase(
      "step", "kept {0} of {1} rows, dropped {2}: those where `{3}` is not true (false or null)",
      "giữ {0} trong {1} dòng, bỏ {2}: những dòng mà `{3}` không đúng (sai hoặc null)"),
    Phrase("step", "kept {0} of {1} rows", "giữ {0} trong {1} dòng"),
    Phrase("step", "reduced {0} to {1}", "gộp {0} thành {1}"),
    Phrase("step", "formed {0} from {1}", "tạo {0} từ {1}"),
    Phrase("step", "worked within each group: {0} → {1}", "tính trong từng nhóm: {0} → {1}"),
    Phrase("step", "reordered the rows ({0}; `-` is descending, nulls last)", "sắp xếp lại các dòng ({0}; `-` là giảm dần, null xếp cuối)"),
    Phrase("step", "matched rows: {0} → {1}", "ghép các dòng: {0} → {1}"),
    Phrase(
      "step", "assigned competition ranks (highest = 1, ties share a rank and the next skips)",
      "gán thứ hạng kiểu thi đấu (cao nhất = 1, bằng điểm thì cùng hạng và hạng kế tiếp bị bỏ qua)"),
    Phrase("step", "added {0}", "thêm {0}"),
    Phrase("step", "removed {0}", "bỏ {0}"),
    Phrase("step", "{0}, columns unchanged", "{0}, các cột không đổi"),
    Phrase("step", "{0} → {1}", "{0} → {1}"),
  ]
}
