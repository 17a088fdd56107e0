import ChisoCore
import ChisoLocale
import ChisoSyntax

/// Why a query gave no rows, when one step can be blamed: the pipeline is run step by step (as
/// `--step` does) and the first step that leaves no rows is named, with how many rows reached
/// it. For the REPL and reports; the core does not run a query twice on its own.
public enum EmptyResult {
  /// A sentence such as "no rows: step 3, `filter province == "Lai Chau"`, kept none of the 63
  /// rows before it", or nil when no single step can be named (or the query fails step by step).
  public static func explain(
    _ session: Session, _ source: SourceFile, parameters: [String: String] = [:], language: Language = .en
  ) -> String? {
    guard let steps = try? session.steps(source, parameters: parameters) else { return nil }
    guard let index = steps.firstIndex(where: { $0.table.rowCount == 0 }) else { return nil }
    let step = steps[index]
    let text = step.step.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }.joined(separator: " ")
    guard index > 0 else {
      let table = text.split(separator: " ").dropFirst().first.map(String.init) ?? text
      return L10n.text("empty-result.source", language, table)
    }
    return L10n.text("empty-result", language, step.index, text, steps[index - 1].table.rowCount)
  }
}

/// The tables a query names: after `from`, `join` (past `side:…`), `append`, `remove` and
/// `intersect`, and in `index:NAME`, leaving out names the script binds with `let`.
enum TableReferences {
  static func find(_ text: String, tables: Set<String>, bound: Set<String>) -> [String] {
    guard let tokens = try? Lexer.tokenize(text) else { return [] }
    var out: [String] = []
    func add(_ name: String) {
      if tables.contains(name), !bound.contains(name), !out.contains(name) { out.append(name) }
    }
    for (i, token) in tokens.enumerated() {
      guard case .ident(let word) = token.kind else { continue }
      switch word {
      case "from", "join", "append", "remove", "intersect":
        var j = i + 1
        // Named arguments before the relation: `join side:left pci`.
        while j + 2 < tokens.count, case .ident = tokens[j].kind, tokens[j + 1].kind == .op(":") { j += 3 }
        if j < tokens.count, case .ident(let name) = tokens[j].kind { add(name) }
      case "index":
        if i + 2 < tokens.count, tokens[i + 1].kind == .op(":"), case .ident(let name) = tokens[i + 2].kind { add(name) }
      default: break
      }
    }
    return out
  }
}
