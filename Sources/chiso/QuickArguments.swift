import ArgumentParser
import ChisoRender

/// The everyday command lines — `chiso --data DIR --format csv -c QUERY`, a script file, flags —
/// read without ArgumentParser. Its parser builds its model of the command by reflection on
/// every run, ≈ 12 M instructions (callgrind), about half of a tiny query's whole process: more
/// than the query. Anything this does not recognise exactly (help, `--version`, a value that
/// starts with `-`, an option given twice, `--`, joined short flags, a misspelling) returns nil
/// and goes to ArgumentParser as before, so errors and help read the same as ever.
extension Chiso {
  /// Value options by spelling, each setting one property of a fresh command.
  private static let valueOptions: [String: @Sendable (inout Chiso, String) -> Bool] = [
    "-c": { $0.command = $1; return true },
    "--command": { $0.command = $1; return true },
    "--data": { $0.data.append($1); return true },
    "--warnings": { c, v in
      guard let style = WarningStyle(rawValue: v) else { return false }
      c.warnings = style
      return true
    },
    "--format": { c, v in
      guard let format = OutputFormat(rawValue: v) else { return false }
      c.format = format
      return true
    },
    "--precision": { $0.precision = $1; return true },
    "--collation": { $0.collation = $1; return true },
    "--describe": { $0.describe = $1; return true },
    "--chart": { $0.chart = $1; return true },
    "--highlight": { $0.highlight = $1; return true },
    "--value": { $0.value = $1; return true },
    "--param": { $0.param.append($1); return true },
    "--lang": { $0.lang = $1; return true },
    "--engine": { $0.engine = $1; return true },
    "--sql": { $0.sql = $1; return true },
    "--max-memory": { $0.maxMemory = $1; return true },
    "--bench-repeat": { c, v in
      guard let n = Int(v) else { return false }
      c.benchRepeat = n
      return true
    },
  ]

  private static let flags: [String: @Sendable (inout Chiso) -> Void] = [
    "--quiet": { $0.quiet = true },
    "--ascii": { $0.ascii = true },
    "--step": { $0.step = true },
    "--explain": { $0.explain = true },
    "--no-cache": { $0.noCache = true },
    "--round-exports": { $0.roundExports = true },
    "--decimal-comma": { $0.decimalComma = true },
  ]

  /// Options that may be given more than once (the others: once, else ArgumentParser decides).
  private static let repeatable: Set<String> = ["--data", "--param"]

  /// The command `arguments` (without the program name) spell, or nil to let ArgumentParser
  /// read them.
  static func quickParse(_ arguments: [String]) -> Chiso? {
    var command = Chiso.unparsed()
    var seen = Set<String>()
    var i = 0
    while i < arguments.count {
      let word = arguments[i]
      i += 1
      guard word.hasPrefix("-") else {
        command.files.append(word)
        continue
      }
      var name = word
      var inline: String? = nil
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        name = String(word[..<equals])
        inline = String(word[word.index(after: equals)...])
      }
      // Spelled the same as each other for `seen`: `-c` is `--command`.
      let canonical = name == "-c" ? "--command" : name
      guard repeatable.contains(canonical) || seen.insert(canonical).inserted else { return nil }
      if let set = flags[name], inline == nil {
        set(&command)
        continue
      }
      guard let set = valueOptions[name] else { return nil }
      let value: String
      if let inline {
        value = inline
      } else {
        guard i < arguments.count, !arguments[i].hasPrefix("-") else { return nil }
        value = arguments[i]
        i += 1
      }
      guard set(&command, value) else { return nil }
    }
    return command
  }

  /// A command with every property at its default, as ArgumentParser would leave it for an
  /// empty command line. Every stored option is set here: a property wrapper left unset would
  /// trap when read, so a new option must be added here too (CLITests run the quick path).
  private static func unparsed() -> Chiso {
    var c = Chiso()
    c.command = nil
    c.data = []
    c.warnings = nil
    c.quiet = false
    c.format = nil
    c.precision = nil
    c.collation = nil
    c.roundExports = false
    c.decimalComma = false
    c.describe = nil
    c.chart = nil
    c.highlight = nil
    c.value = nil
    c.ascii = false
    c.param = []
    c.step = false
    c.lang = nil
    c.explain = false
    c.engine = nil
    c.sql = nil
    c.noCache = false
    c.benchRepeat = nil
    c.maxMemory = nil
    c.files = []
    return c
  }
}
