import ChisoCore
import ChisoEngine
import ChisoLocale
import ChisoPlan
import ChisoRender
import ChisoSyntax

/// A lesson file graded: each `check` verdict, and the queries that did not run.
public struct Grade: Sendable {
  /// One `check` in the file.
  public struct Answer: Sendable, Equatable {
    /// The 1-based line of the query's last line (where `check answer` stands).
    public var line: Int
    public var correct: Bool
    /// `check`'s explanation, or why the query gave no verdict.
    public var explanation: String
  }

  /// A query that failed to run: its last line and the error as printed.
  public struct Failure: Sendable, Equatable {
    public var line: Int
    public var text: String
  }

  public var file: String
  /// The solution file the answers came from; nil when the file defines its own.
  public var key: String?
  public var answers: [Answer]
  public var failures: [Failure]

  public var right: Int { answers.filter(\.correct).count }
  public var total: Int { answers.count }
  public var allRight: Bool { failures.isEmpty && answers.allSatisfy(\.correct) }

  /// The file's name without folder and `.prql`: `02_ranks_your_turn`.
  public var lesson: String {
    let base = file.split(separator: "/").last.map(String.init) ?? file
    return base.hasSuffix(".prql") ? String(base.dropLast(5)) : base
  }

  /// `lesson 02_ranks_your_turn: 0 of 1 answers right` (and the queries that failed).
  public func summary(_ language: Language) -> String {
    var text = L10n.count("grade.summary", total, language, lesson, right)
    if !failures.isEmpty { text += "; " + L10n.count("grade.failed", failures.count, language) }
    return text
  }

  /// `FILE:LINE: wrong — explanation`.
  public func line(_ answer: Answer, _ language: Language) -> String {
    L10n.text(answer.correct ? "grade.right" : "grade.wrong", language, "\(file):\(answer.line)", answer.explanation)
  }
}

/// Runs exercise files the way a class is graded: every query of the file in turn (a failure
/// does not stop the rest), the answers from the file's `AnswerKey` when it has one.
public enum Grader {
  /// Grades one file. The key's relations are defined in `session` while it runs and removed
  /// after. A query of the file that binds a name the key defines is not graded (it would check
  /// the student against an answer of their own).
  public static func grade(
    file: String, text: String, session: Session, key: AnswerKey?, parameters: [String: String] = [:],
    language: Language = .en, lookedFor: String? = nil
  ) -> Grade {
    var grade = Grade(file: file, key: key?.path, answers: [], failures: [])
    let document = ScriptDocument.parse(name: file, text: text)
    var installed: [String] = []
    if let key {
      do throws(ChisoError) {
        installed = try key.install(in: session)
      } catch {
        let shown: String
        switch error {
        case .query(let diagnostic): shown = DiagnosticRenderer.render(diagnostic, source: key.source, colour: false, language: language)
        case .data(let dataError, _): shown = DiagnosticRenderer.render(dataError, colour: false, language: language)
        }
        grade.failures.append(Grade.Failure(line: 1, text: L10n.text("grade.key-broken", language, key.path) + "\n" + shown))
      }
    }
    defer { AnswerKey.remove(installed, from: session) }
    let keyNames = Set(key?.names ?? [])
    for cell in document.cells where cell.hasMain {
      let isCheck = mentionsCheck(cell.mainCode)
      if isCheck, let own = cell.boundNames.intersection(keyNames).sorted().first, let key {
        grade.answers.append(Grade.Answer(line: cell.lastLine, correct: false, explanation: L10n.text("grade.own-answer", language, own, key.path)))
        continue
      }
      let run = CellRun(session: session, cell: cell, parameters: document.parameters(parameters, for: cell), language: language)
      switch run.execute() {
      case .success(let result):
        if let verdict = verdict(of: result) {
          grade.answers.append(Grade.Answer(line: cell.lastLine, correct: verdict.correct, explanation: verdict.explanation))
        }
      case .failure(let text):
        grade.failures.append(Grade.Failure(line: cell.lastLine, text: text))
        if isCheck {
          var why = L10n.text("grade.did-not-run", language)
          // No key, and the file names an answer it does not define: say where the key was looked for.
          if key == nil, let lookedFor, !cell.boundNames.contains("answer"), Self.mentions("answer", cell.mainCode) {
            why += "; " + L10n.text("grade.no-key", language, lookedFor)
          }
          grade.answers.append(Grade.Answer(line: cell.lastLine, correct: false, explanation: why))
        }
      }
    }
    return grade
  }

  /// The verdict of a query that ends in `check`: its `correct` and `explanation`; nil for any
  /// other query.
  public static func verdict(of result: QueryResult) -> (correct: Bool, explanation: String)? {
    guard let plan = result.plan, case .operation(let operation, _) = plan.node, operation.name == "check" else { return nil }
    let table = result.table
    guard let c = table.index(of: "correct"), let e = table.index(of: "explanation"), table.rowCount == 1,
      case .bool(let correct) = table.columns[c].value(at: 0)
    else { return nil }
    return (correct, table.columns[e].value(at: 0).description)
  }

  /// Whether a query's text uses `check` as a word (a query meant as an answer, even when it
  /// does not run).
  static func mentionsCheck(_ code: String) -> Bool { mentions("check", code) }

  /// Whether `name` occurs in `code` as a whole word.
  static func mentions(_ name: String, _ code: String) -> Bool {
    var word = ""
    for character in code + " " {
      if character.isLetter || character.isNumber || character == "_" || character == "." {
        word.append(character)
      } else {
        if word == name { return true }
        word = ""
      }
    }
    return false
  }
}
