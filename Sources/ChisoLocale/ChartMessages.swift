/// The fixed words of charts, on the terminal and in SVG.
enum ChartMessages {
  static let all: [Message] = [
    Message("chart.by", en: "{0} by {1}", vi: "{0} theo {1}"),
    Message("chart.rank-by", en: "rank by {0}", vi: "hạng theo {0}"),
    Message("chart.row", en: "row", vi: "dòng"),
    Message("chart.unit", en: "unit", vi: "đơn vị"),
    Message("chart.bars", en: "{0} bars", vi: "{0} thanh", enOne: "{0} bar"),
    Message("chart.order.table", en: "in table order", vi: "theo thứ tự trong bảng"),
    Message("chart.order.lowest", en: "lowest (best rank) first", vi: "thấp nhất (hạng tốt nhất) trước"),
    Message("chart.order.highest", en: "highest first", vi: "cao nhất trước"),
    Message("chart.more", en: "{0} more", vi: "còn {0} mục"),
    Message("chart.and-more", en: "{0} and {1} more", vi: "{0} và {1} mục khác"),
    Message("chart.note.nulls", en: "{0} with no {1} (null), not drawn: {2}", vi: "{0} mục không có {1} (null), không vẽ: {2}"),
    Message(
      "chart.note.repeats", en: "{0} rows repeat a label: filter or group the query so that each {1} appears once",
      vi: "{0} dòng trùng nhãn: hãy lọc hoặc nhóm truy vấn để mỗi {1} chỉ xuất hiện một lần"),
    Message(
      "chart.note.highlight", en: "nothing to highlight: no unit is labelled \"{0}\"",
      vi: "không có gì để làm nổi bật: không đơn vị nào có nhãn \"{0}\""),
    Message("chart.note.gaps", en: "{0} gaps: no {1} for that {2}", vi: "{0} chỗ trống: không có {1} ở {2} đó", enOne: "{0} gap: no {1} for that {2}"),
    Message("chart.note.null-count", en: "{0} null", vi: "{0} null"),
    Message("chart.note.absent", en: "no rows at all for {0}", vi: "hoàn toàn không có dòng cho {0}"),
    Message("chart.note.no-series", en: "{0} rows with no {1} skipped", vi: "bỏ qua {0} dòng không có {1}"),
    Message(
      "chart.note.periods", en: "the result has {0} values of {1}; drawn: the first and last, {2} and {3} (filter to choose)",
      vi: "kết quả có {0} giá trị của {1}; đã vẽ giá trị đầu và cuối, {2} và {3} (lọc để chọn)"),
    Message("chart.note.missing-in", en: "{0} with no {1} in {2}: {3}", vi: "{0} mục không có {1} trong {2}: {3}"),
    Message(
      "chart.note.last-values", en: "showing the last {0} of {1} values of {2}",
      vi: "hiện {0} giá trị cuối trong số {1} giá trị của {2}"),
    Message(
      "chart.note.hidden-lines", en: "{0} lines to units outside the rows shown are not drawn",
      vi: "không vẽ {0} đường nối tới các đơn vị nằm ngoài các dòng được hiện"),
    Message(
      "chart.note.lines-cut", en: "{0} of {1} lines drawn (the best latest values, and the highlighted one); filter to choose others",
      vi: "vẽ {0} trong số {1} đường (các giá trị gần nhất tốt nhất và đường được làm nổi bật); lọc để chọn đường khác"),
    Message(
      "chart.spark.inverted", en: "lower {0} is better, so the bars are inverted: up means better",
      vi: "{0} càng thấp càng tốt, nên các thanh được lật ngược: lên cao nghĩa là tốt hơn"),
    Message(
      "chart.wide.too-many", en: "the result has {0} numeric columns ({1}): {2}; pick the one to draw — `--value {3}`, or keep it alone with `select`",
      vi: "kết quả có {0} cột số ({1}): {2}; hãy chọn một cột để vẽ — `--value {3}`, hoặc chỉ giữ cột đó bằng `select`"),
    Message("chart.wide.lines", en: "{0} lines are too many to read on one chart", vi: "{0} đường là quá nhiều để đọc trên một biểu đồ"),
    Message("chart.wide.panels", en: "too many panels to read", vi: "quá nhiều khung để đọc"),
    Message("chart.term.line.y", en: "up the axis: {0}", vi: "trục dọc: {0}"),
    Message("chart.spark.scale", en: "one scale for all lines: {0}", vi: "một thang đo chung cho mọi dòng: {0}"),
    Message("chart.best", en: "best", vi: "tốt nhất"),
    Message("chart.worst", en: "worst", vi: "kém nhất"),
    Message("chart.max", en: "max", vi: "cao nhất"),
    Message("chart.min", en: "min", vi: "thấp nhất"),
    Message("chart.latest", en: "latest", vi: "gần nhất"),
    Message(
      "chart.slope.ranked", en: "units ranked by {0} in each period, 1 = highest",
      vi: "các đơn vị được xếp hạng theo {0} trong từng kỳ, 1 = cao nhất"),
    Message(
      "chart.slope.legend", en: "{0}n moved up n places, {1}n moved down, = kept its rank",
      vi: "{0}n lên n bậc, {1}n xuống n bậc, = giữ nguyên hạng"),
    Message("chart.slope.new", en: "new", vi: "mới"),
    Message("chart.slope.new-note", en: "new = no rank in {0}", vi: "mới = không có hạng trong {0}"),
    Message("chart.slope.gone-note", en: "{0} = no rank in {1}", vi: "{0} = không có hạng trong {1}"),
    Message(
      "chart.svg.spark.inverted",
      en: "Lower {0} is better: lines are inverted so that up means better (top {1}, bottom {2}); one scale for all lines.",
      vi: "{0} càng thấp càng tốt: các đường được lật ngược để lên cao nghĩa là tốt hơn (trên cùng {1}, dưới cùng {2}); một thang đo chung cho mọi đường."),
    Message(
      "chart.svg.spark.scale", en: "One scale for all lines: bottom {0}, top {1}.",
      vi: "Một thang đo chung cho mọi đường: dưới cùng {0}, trên cùng {1}."),
    Message(
      "chart.svg.slope.ranked", en: "Units ranked by {0} in each period (1 = highest).",
      vi: "Các đơn vị được xếp hạng theo {0} trong từng kỳ (1 = cao nhất)."),
    Message("chart.svg.slope.rank", en: "Rank 1 is best.", vi: "Hạng 1 là tốt nhất."),
    Message("chart.svg.slope.rising", en: "Lines rising to the right moved up.", vi: "Đường đi lên về bên phải là tăng hạng."),
    Message("chart.svg.line.sub", en: "One line per {0}.", vi: "Mỗi {0} một đường."),
    Message(
      "chart.svg.line.inverted", en: "Lower {0} is better: the axis is inverted, so up means better.",
      vi: "{0} càng thấp càng tốt: trục được lật ngược, nên lên cao nghĩa là tốt hơn."),
    Message("chart.desc.bar", en: "Bar chart of {0} by {1}, {2}.", vi: "Biểu đồ cột của {0} theo {1}, {2}."),
    Message("chart.desc.spark", en: "Sparklines of {0} by {1} per {2}.", vi: "Sparkline của {0} theo {1} cho từng {2}."),
    Message(
      "chart.desc.slope", en: "Slope chart: ranks in {0} and {1}, one line per unit.",
      vi: "Biểu đồ dốc: thứ hạng trong {0} và {1}, mỗi đơn vị một đường."),
    Message("chart.desc.line", en: "Line chart of {0} by {1}, one line per {2}.", vi: "Biểu đồ đường của {0} theo {1}, mỗi {2} một đường."),
  ]
}
