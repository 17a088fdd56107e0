/// The REPL's own words: the banner, `.help`, notes.
enum ReplMessages {
  static let all: [Message] = [
    Message(
      "repl.banner", en: "chiso {1} — {0} tables. Tab completes, .help lists commands, Ctrl-D quits.",
      vi: "chiso {1} — {0} bảng. Tab để gợi ý hoàn thành, .help liệt kê các lệnh, Ctrl-D để thoát.",
      enOne: "chiso {1} — {0} table. Tab completes, .help lists commands, Ctrl-D quits."),
    Message(
      "repl.help.intro",
      en: "Enter runs a query once its brackets and strings are closed and the line does not end\nwith `|`; a blank line runs it as it is. Commands:",
      vi: "Enter chạy truy vấn khi các dấu ngoặc và chuỗi đã đóng và dòng không kết thúc\nbằng `|`; một dòng trống chạy truy vấn như đang có. Các lệnh:"),
    Message(
      "repl.help.keys",
      en: "Keys: Tab completes (twice: lists) · Ctrl-R searches history · Ctrl-C clears the line or\ncancels a query · Ctrl-D quits. More: docs/repl.md",
      vi: "Phím: Tab gợi ý hoàn thành (hai lần: liệt kê) · Ctrl-R tìm trong lịch sử · Ctrl-C xóa dòng hoặc\nhủy truy vấn · Ctrl-D thoát. Thêm: docs/repl.md"),
    Message("repl.warnings.more", en: "(.warnings shows why, with the place and hints)", vi: "(.warnings cho xem lý do, vị trí và gợi ý)"),
    Message("repl.warnings.none", en: "the last query raised no warnings", vi: "truy vấn vừa rồi không có cảnh báo nào"),
    Message("repl.defined", en: "defined `{0}` for this session: {1}", vi: "đã định nghĩa `{0}` cho phiên này: {1}"),
    Message("repl.defined.other", en: "defined `{0}` for this session", vi: "đã định nghĩa `{0}` cho phiên này"),
    Message("repl.saved", en: "saved the last result as `{0}` ({1} rows, {2} columns)", vi: "đã lưu kết quả vừa rồi thành `{0}` ({1} dòng, {2} cột)"),
    Message("repl.tables.defined", en: "defined in this session:", vi: "định nghĩa trong phiên này:"),
    Message(
      "repl.help.unknown", en: "no command, transform, verb or function {0}; .help lists the commands",
      vi: "không có lệnh, phép biến đổi, động từ hay hàm {0}; .help liệt kê các lệnh"),
    Message("repl.cancelled", en: "cancelled", vi: "đã hủy"),
    Message(
      "repl.cancelled.detail", en: " (the query was abandoned; the session is intact)",
      vi: " (truy vấn đã bị bỏ dở; phiên làm việc vẫn nguyên vẹn)"),
    Message("repl.chart.none", en: "no result to chart yet: run a query first", vi: "chưa có kết quả để vẽ biểu đồ: hãy chạy một truy vấn trước"),
    Message("repl.lang.current", en: "language: {0}", vi: "ngôn ngữ: {0}"),
    Message("repl.lang.bad", en: ".lang takes en or vi, not `{0}`", vi: ".lang nhận en hoặc vi, không phải `{0}`"),
    Message("repl.report.usage", en: ".report needs a script: .report FILE.prql [-o OUT.html] [--steps] [--param name=value]",
      vi: ".report cần một kịch bản: .report FILE.prql [-o OUT.html] [--steps] [--param name=value]"),
    Message(
      "repl.report.wrote", en: "wrote a report of {0} queries to {1}", vi: "đã ghi báo cáo gồm {0} truy vấn vào {1}",
      enOne: "wrote a report of {0} query to {1}"),
    Message(
      "repl.report.problems", en: "{0} queries failed; the report shows the errors", vi: "{0} truy vấn bị lỗi; báo cáo có ghi các lỗi đó",
      enOne: "{0} query failed; the report shows the error"),
    Message(
      "component.rewritten", en: "\"{0}\" is the component `{1}` ({2}); running with `{1}`",
      vi: "\"{0}\" là chỉ số thành phần `{1}` ({2}); truy vấn chạy với `{1}`"),
    Message(
      "component.ambiguous", en: "\"{0}\" could be the component {1}; write its id", vi: "\"{0}\" có thể là chỉ số thành phần {1}; hãy ghi mã (id) của nó"),
    Message(
      "empty-result",
      en: "no rows: step {0}, `{1}`, kept none of the {2} rows before it",
      vi: "không có dòng nào: bước {0}, `{1}`, không giữ lại dòng nào trong {2} dòng trước đó"),
    Message("empty-result.source", en: "no rows: the table `{0}` is empty", vi: "không có dòng nào: bảng `{0}` trống"),
    Message("severity.error", en: "error", vi: "lỗi"),
    Message("severity.warning", en: "warning", vi: "cảnh báo"),
    Message("severity.note", en: "note", vi: "ghi chú"),
    Message("severity.help", en: "help", vi: "gợi ý"),
  ]
}

/// The dot commands' summaries (for the `.help` list) and descriptions (for `.help COMMAND`),
/// under `cmd.NAME.summary` and `cmd.NAME.detail`.
enum CommandMessages {
  static let all: [Message] = [
    Message("cmd.help.summary", en: "this list, or one command in detail", vi: "danh sách này, hoặc chi tiết một lệnh"),
    Message(
      "cmd.help.detail", en: "Lists the commands and keys; `.help schema` describes one command.",
      vi: "Liệt kê các lệnh và phím; `.help schema` mô tả một lệnh."),
    Message("cmd.tables.summary", en: "the tables and their files", vi: "các bảng và tệp của chúng"),
    Message(
      "cmd.tables.detail",
      en: "Lists the tables (every *.csv, *.tsv and *.json in the data folders) and the file each is read from.",
      vi: "Liệt kê các bảng (mọi tệp *.csv, *.tsv và *.json trong các thư mục dữ liệu) và tệp mà mỗi bảng được đọc từ đó."),
    Message("cmd.schema.summary", en: "columns: type, nulls, distinct values", vi: "các cột: kiểu, số giá trị null, số giá trị khác nhau"),
    Message(
      "cmd.schema.detail",
      en: "Shows each column of TABLE with its type, how many values are null and how many distinct values it has; every table when TABLE is left out.",
      vi: "Hiển thị từng cột của TABLE với kiểu dữ liệu, số giá trị null và số giá trị khác nhau; mọi bảng nếu không nêu TABLE."),
    Message("cmd.mode.summary", en: "table, csv, tsv, json, jsonl, markdown, line", vi: "table, csv, tsv, json, jsonl, markdown, line"),
    Message(
      "cmd.mode.detail",
      en: "Sets how results are printed: table (fitted to the terminal), csv, tsv, json, jsonl, markdown or line. `.mode` alone shows the current mode.",
      vi: "Chọn cách in kết quả: table (vừa với cửa sổ terminal), csv, tsv, json, jsonl, markdown hoặc line. `.mode` không kèm gì cho biết chế độ hiện tại."),
    Message("cmd.timer.summary", en: "time each query", vi: "đo thời gian mỗi truy vấn"),
    Message(
      "cmd.timer.detail", en: "With `.timer on`, the time each query took is printed under its result.",
      vi: "Với `.timer on`, thời gian chạy của mỗi truy vấn được in dưới kết quả."),
    Message("cmd.cache.summary", en: "the columnar cache; `.cache clear` empties it", vi: "bộ nhớ đệm dạng cột; `.cache clear` xoá sạch"),
    Message(
      "cmd.cache.detail",
      en: "Large data files are kept as a columnar copy under $XDG_CACHE_HOME/chiso, so the next read maps it instead of parsing. `.cache` shows where it is and how many columns it holds; `.cache clear` removes them (tables are read again from their files). `chiso --no-cache` runs without it.",
      vi: "Các tệp dữ liệu lớn được giữ thành bản sao dạng cột trong $XDG_CACHE_HOME/chiso, để lần đọc sau ánh xạ thẳng thay vì phân tích lại. `.cache` cho biết vị trí và số cột đang lưu; `.cache clear` xoá chúng (các bảng sẽ được đọc lại từ tệp). `chiso --no-cache` chạy không dùng bộ nhớ đệm."),
    Message("cmd.cache.cleared", en: "removed {0} cached columns from {1}", vi: "đã xoá {0} cột lưu đệm khỏi {1}"),
    Message("cmd.cache.status", en: "cache: {0} ({1} columns)", vi: "bộ nhớ đệm: {0} ({1} cột)"),
    Message("cmd.cache.off", en: "cache: off (--no-cache)", vi: "bộ nhớ đệm: tắt (--no-cache)"),
    Message("cmd.maxrows.summary", en: "rows before eliding (or auto, all)", vi: "số dòng hiện trước khi lược bớt (hoặc auto, all)"),
    Message(
      "cmd.maxrows.detail",
      en: "Long results show their first and last rows with `… N rows …` between. `.maxrows N` shows N rows, `auto` (the default) fits the terminal's height, `all` never elides.",
      vi: "Kết quả dài chỉ hiện các dòng đầu và cuối, ở giữa là `… N dòng …`. `.maxrows N` hiện N dòng, `auto` (mặc định) vừa với chiều cao terminal, `all` không bao giờ lược bớt."),
    Message("cmd.read.summary", en: "run the query in FILE", vi: "chạy truy vấn trong FILE"),
    Message(
      "cmd.read.detail", en: "Runs the query or script in FILE; errors point into FILE.",
      vi: "Chạy truy vấn hoặc kịch bản trong FILE; lỗi chỉ đúng vị trí trong FILE."),
    Message("cmd.step.summary", en: "each step of a pipeline, what it changed", vi: "từng bước của pipeline và điều bước đó thay đổi"),
    Message(
      "cmd.step.detail",
      en: "Runs the query (or the previous one) one transform at a time and shows each stage's first rows, its row count and what the step did: rows dropped by filter and why, columns added, groups formed, ranks assigned.",
      vi: "Chạy truy vấn (hoặc truy vấn trước đó) từng phép biến đổi một và hiển thị các dòng đầu của mỗi bước, số dòng và việc bước đó đã làm: các dòng bị filter loại và lý do, các cột được thêm, các nhóm được tạo, thứ hạng được gán."),
    Message(
      "cmd.chart.summary", en: "the previous result as a bar, line, sparkline or slope chart",
      vi: "vẽ kết quả trước đó thành biểu đồ cột, đường, sparkline hoặc biểu đồ dốc (slope)"),
    Message(
      "cmd.chart.detail",
      en: "Draws the last result on the terminal, or as an SVG file: `.chart bar|line|sparkline|slope|auto [FILE.svg]` (KIND:FILE.svg also works), with `--highlight NAME`, `--ascii`, `--width N`, `--label COL`, `--value COL`, `--series COL`, `--title TEXT`.",
      vi: "Vẽ kết quả vừa có trên terminal, hoặc thành tệp SVG: `.chart bar|line|sparkline|slope|auto [FILE.svg]` (KIND:FILE.svg cũng được), với `--highlight TÊN`, `--ascii`, `--width N`, `--label CỘT`, `--value CỘT`, `--series CỘT`, `--title CHỮ`."),
    Message("cmd.report.summary", en: "an HTML report of scripts", vi: "báo cáo HTML từ các kịch bản"),
    Message(
      "cmd.report.detail",
      en: "Makes one self-contained HTML page from FILE.prql (or several files: a booklet) with each query, its result, chart, warnings and the sources: `.report FILE… [-o OUT.html] [--steps] [--solutions] [--param name=value]`. Without -o it writes FILE.html in the current folder.",
      vi: "Tạo một trang HTML độc lập từ FILE.prql (hoặc nhiều tệp: một tập tài liệu) với từng truy vấn, kết quả, biểu đồ, cảnh báo và nguồn dữ liệu: `.report FILE… [-o OUT.html] [--steps] [--solutions] [--param name=value]`. Không có -o thì ghi FILE.html vào thư mục hiện tại."),
    Message("cmd.lang.summary", en: "interface language: en or vi", vi: "ngôn ngữ giao diện: en hoặc vi"),
    Message(
      "cmd.lang.detail",
      en: "Sets the language of messages, help, charts and reports: `en` (English) or `vi` (Vietnamese). `.lang` alone shows the current one.",
      vi: "Chọn ngôn ngữ của thông báo, trợ giúp, biểu đồ và báo cáo: `en` (tiếng Anh) hoặc `vi` (tiếng Việt). `.lang` không kèm gì cho biết ngôn ngữ hiện tại."),
    Message("cmd.output.summary", en: "results to FILE (none: the terminal)", vi: "gửi kết quả vào FILE (không nêu: về terminal)"),
    Message(
      "cmd.output.detail",
      en: "Sends results to FILE in the current mode, complete and uncoloured, until `.output` alone. The file is rewritten atomically (a temporary file renamed over it) after each result.",
      vi: "Ghi kết quả vào FILE theo chế độ hiện tại, đầy đủ và không màu, cho đến khi gõ `.output` không kèm gì. Sau mỗi kết quả, tệp được ghi lại trọn vẹn một lần (một tệp tạm được đổi tên đè lên)."),
    Message("cmd.once.summary", en: "the next result to FILE", vi: "chỉ gửi kết quả kế tiếp vào FILE"),
    Message(
      "cmd.once.detail", en: "Sends only the next result to FILE, written atomically.",
      vi: "Chỉ ghi kết quả kế tiếp vào FILE, ghi trọn vẹn một lần."),
    Message("cmd.explain.summary", en: "the plan, without running", vi: "kế hoạch thực thi, không chạy"),
    Message(
      "cmd.explain.detail",
      en: "Prints the plan of QUERY (or of the previous query) as a tree, output first, tables at the leaves.",
      vi: "In kế hoạch thực thi của QUERY (hoặc của truy vấn trước đó) dạng cây: đầu ra ở trên cùng, các bảng ở lá."),
    Message("cmd.save.summary", en: "keep the last result as table NAME", vi: "giữ kết quả vừa rồi thành bảng NAME"),
    Message(
      "cmd.save.detail",
      en: "Keeps the last result as a table named NAME for the rest of the session: `from NAME | …`. The last result is also always `_`.",
      vi: "Giữ kết quả vừa rồi thành bảng tên NAME cho đến hết phiên: `from NAME | …`. Kết quả vừa rồi cũng luôn là `_`."),
    Message("cmd.write.summary", en: "export a table to a CSV, TSV or JSON file", vi: "xuất một bảng ra tệp CSV, TSV hoặc JSON"),
    Message(
      "cmd.write.detail",
      en: "Writes TABLE (a session table, `_`, or any table) to FILE, as CSV, TSV, JSON or Markdown by its extension, atomically.",
      vi: "Ghi TABLE (bảng của phiên, `_`, hoặc bảng bất kỳ) ra FILE dạng CSV, TSV, JSON hoặc Markdown theo phần mở rộng, ghi trọn vẹn một lần."),
    Message("cmd.warnings.summary", en: "the last warnings in full; off|brief|full", vi: "toàn bộ cảnh báo vừa rồi; off|brief|full"),
    Message(
      "cmd.warnings.detail",
      en: "Without an argument, shows the last query's warnings in full (place, caret, hints). `off` hides warnings, `brief` (the default) prints one line each, `full` prints them whole.",
      vi: "Không có tham số: hiển thị đầy đủ các cảnh báo của truy vấn vừa rồi (vị trí, dấu ^, gợi ý). `off` ẩn cảnh báo, `brief` (mặc định) in mỗi cảnh báo một dòng, `full` in đầy đủ."),
    Message("cmd.precision.summary", en: "significant digits shown for numbers; N or full", vi: "số chữ số có nghĩa khi hiển thị số; N hoặc full"),
    Message(
      "cmd.precision.detail",
      en: "Shows floats to N significant digits (default 7, like R), with the same decimals down a table column; `full` shows every digit. Stored values, `.write` and CSV/JSON output keep every digit. `math.round N` results always show N decimals.",
      vi: "Hiển thị số thực với N chữ số có nghĩa (mặc định 7, như R), cùng số chữ số thập phân trong một cột; `full` hiển thị mọi chữ số. Giá trị lưu trữ, `.write` và đầu ra CSV/JSON giữ nguyên mọi chữ số. Kết quả của `math.round N` luôn hiện N chữ số thập phân."),
    Message("cmd.decimal.summary", en: "decimal mark in displays: comma or point", vi: "dấu thập phân khi hiển thị: comma (phẩy) hoặc point (chấm)"),
    Message(
      "cmd.decimal.detail",
      en: "`comma` shows 1,5 instead of 1.5 in tables, line and Markdown output (as Vietnamese reports write numbers); `point` goes back. CSV and JSON always use a point.",
      vi: "`comma` hiển thị 1,5 thay cho 1.5 trong bảng, chế độ line và Markdown (như cách viết số trong báo cáo tiếng Việt); `point` trở lại dấu chấm. CSV và JSON luôn dùng dấu chấm."),
    Message("cmd.collation.summary", en: "how text sorts: vi, binary or default", vi: "cách sắp xếp văn bản: vi, binary hoặc default"),
    Message(
      "cmd.collation.detail",
      en: "`vi` sorts every text key in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after letters: a à ả ã á ạ), `binary` by code points (PRQL's and DuckDB's default), `default` as each data folder's chiso.toml says (vi for the bundled tables). One sort can choose with `sort {province} collate:vi`.",
      vi: "`vi` sắp xếp văn bản theo thứ tự chữ cái tiếng Việt (a ă â b c d đ e ê …, thanh điệu sau chữ cái: a à ả ã á ạ), `binary` theo mã ký tự (mặc định của PRQL và DuckDB), `default` theo tệp chiso.toml của từng thư mục dữ liệu (vi cho các bảng đi kèm). Một phép sắp xếp có thể tự chọn: `sort {province} collate:vi`."),
    Message("repl.collation.current", en: "text sorts by collation `{0}`", vi: "văn bản được sắp xếp theo `{0}`"),
    Message("repl.precision.current", en: "numbers show {0}; the decimal mark is {1}", vi: "số hiển thị {0}; dấu thập phân là {1}"),
    Message("cmd.engine.summary", en: "run queries on chiso, duckdb, postgresql://…, spark", vi: "chạy truy vấn trên chiso, duckdb, postgresql://…, spark"),
    Message(
      "cmd.engine.detail",
      en: "Switches the engine queries run on: `chiso` (the embedded engine), `duckdb`, `duckdb:FILE`, `postgresql://USER@HOST/DB`, `spark` or `spark://HOST:7077` (docs/engines.md). `.engine` alone shows the current one. A password is taken from PGPASSWORD or ~/.pgpass, never kept in the history.",
      vi: "Đổi cỗ máy chạy truy vấn: `chiso` (cỗ máy tích hợp), `duckdb`, `duckdb:FILE`, `postgresql://USER@HOST/DB`, `spark` hoặc `spark://HOST:7077` (docs/engines.md). `.engine` không tham số cho biết cỗ máy hiện tại. Mật khẩu lấy từ PGPASSWORD hoặc ~/.pgpass, không bao giờ lưu trong lịch sử."),
    Message("cmd.sql.summary", en: "the query as SQL (duckdb, postgres, spark)", vi: "truy vấn dưới dạng SQL (duckdb, postgres, spark)"),
    Message(
      "cmd.sql.detail",
      en: "Prints the query (or the previous one) as the SQL an engine runs: `.sql postgres from pci | take 3`. The dialect defaults to the current engine's, else DuckDB.",
      vi: "In truy vấn (hoặc truy vấn trước đó) dưới dạng SQL mà cỗ máy chạy: `.sql postgres from pci | take 3`. Phương ngữ mặc định là của cỗ máy hiện tại, nếu không thì DuckDB."),
    Message("cmd.last.summary", en: "the previous result in full, in $PAGER", vi: "toàn bộ kết quả trước đó, qua $PAGER"),
    Message(
      "cmd.last.detail", en: "Shows the whole previous result, nothing elided, through $PAGER (default `less -S`).",
      vi: "Hiển thị toàn bộ kết quả trước đó, không lược bớt, qua $PAGER (mặc định `less -S`)."),
    Message("cmd.edit.summary", en: "edit the query in $EDITOR; runs on save", vi: "sửa truy vấn trong $EDITOR; chạy khi lưu"),
    Message(
      "cmd.edit.detail",
      en: "Opens the query being typed (or the previous one) in $VISUAL or $EDITOR (default vi). When you save and quit, it runs and goes into history.",
      vi: "Mở truy vấn đang gõ (hoặc truy vấn trước đó) trong $VISUAL hoặc $EDITOR (mặc định vi). Khi bạn lưu và thoát, truy vấn được chạy và ghi vào lịch sử."),
    Message("cmd.quit.summary", en: "leave (also .exit, Ctrl-D)", vi: "thoát (hoặc .exit, Ctrl-D)"),
    Message(
      "cmd.quit.detail", en: "Leaves chiso. `.exit` and Ctrl-D on an empty line do the same.",
      vi: "Thoát chiso. `.exit` và Ctrl-D trên một dòng trống cũng vậy."),
  ]
}

/// The table renderer's footer.
enum TableMessages {
  static let all: [Message] = [
    Message("table.rows", en: "{0} rows", vi: "{0} dòng", enOne: "{0} row"),
    Message("table.shown", en: "({0} shown)", vi: "(hiện {0})"),
    Message("table.hidden", en: "({0} columns hidden: {1})", vi: "({0} cột bị ẩn: {1})", enOne: "({0} column hidden: {1})"),
  ]
}
