import Foundation
import Testing

/// The REPL in a Vietnamese locale, driven through tmux as a person would: the banner, `.help`,
/// a Vietnamese error, Tab completing a component from its Vietnamese name, and `.report`.
/// Without tmux or the binary it fails, unless `CHISO_SKIP_TMUX=1` skips it on purpose.
struct VietnameseEndToEndTests {
  @Test(.timeLimit(.minutes(2))) func aVietnameseSession() throws {
    guard let (tmux, binary) = REPLEndToEndTests.tools() else { return }
    let state = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: state) }
    let inputrc = state.appendingPathComponent("inputrc")
    try "set bell-style none\n".write(to: inputrc, atomically: true, encoding: .utf8)
    let command =
      "env LANG=vi_VN.UTF-8 LC_ALL= XDG_STATE_HOME='\(state.path)' INPUTRC='\(inputrc.path)' TERM=xterm-256color NO_COLOR=1 "
      + "'\(binary)' --data '\(Fixtures.datasets)'"
    let terminal = REPLEndToEndTests.Terminal(tmux: tmux)
    defer { terminal.stop() }
    terminal.start(command, directory: state.path)
    try #require(terminal.waitForText("bảng. Tab để gợi ý hoàn thành, .help liệt kê các lệnh, Ctrl-D để thoát.").ok, "no Vietnamese banner")

    terminal.type(".help")
    terminal.press("Enter")
    var result = terminal.waitForText("Phím: Tab gợi ý hoàn thành")
    #expect(result.ok, "help: \(result.screen)")
    #expect(result.screen.contains("Các lệnh:"))

    terminal.clear()
    terminal.type("from pci | filter yaer == 2016")
    terminal.press("Enter")
    result = terminal.waitForText("có phải ý bạn là `year`?")
    #expect(result.ok, "error: \(result.screen)")
    #expect(result.screen.contains("lỗi: không có cột `yaer`"))

    terminal.clear()
    terminal.type("from pci | filter year == 2016 && component == \"gia nh")
    terminal.press("Tab")
    result = terminal.waitForText("component == \"market_entry\"")
    #expect(result.ok, "completion: \(result.screen)")
    terminal.type(" | take 1")
    terminal.press("Enter")
    #expect(terminal.waitForText("1 dòng").ok)

    terminal.clear()
    let lesson = Fixtures.packageRoot.appendingPathComponent("Queries/lessons/04_explaining_a_rank_change.prql").path
    terminal.type(".report \(lesson) -o r.html")
    terminal.press("Enter")
    result = terminal.waitForText("đã ghi báo cáo gồm 1 truy vấn vào r.html")
    #expect(result.ok, "report: \(result.screen)")
    let html = try String(contentsOf: state.appendingPathComponent("r.html"), encoding: .utf8)
    #expect(html.contains("<html lang=\"vi\">") && html.contains("Nguồn dữ liệu"))
    terminal.press("C-d")
  }
}
