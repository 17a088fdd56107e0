import ChisoEngine
import ChisoSyntax

/// Everything chiso knows about one transform or index verb, in one place: its parameters (which
/// the registry validates before the implementation runs), its help text, an example that runs on
/// the bundled data, where the docs describe it, and how it resolves into plan nodes. The
/// resolver, the REPL's completer, `.help NAME`, the docs test and "unknown transform"
/// suggestions all read these records.
public struct TransformSpec: Sendable {
  public enum Kind: String, Sendable {
    /// Starts a pipeline: `from`, `read_csv`, `from_text`.
    case source
    /// A PRQL transform: `filter`, `derive`, …
    case transform
    /// An index verb: `compare`, `explain_rank`, …
    case verb
  }

  public var name: String
  public var kind: Kind
  /// Positional parameters in order, then named ones.
  public var parameters: [Parameter]
  public var summary: String
  /// A query on the bundled data that uses it (the registry test runs every one).
  public var example: String
  /// Where the reference describes it, e.g. `docs/language.md#filter`.
  public var docAnchor: String
  /// Builds the step's plan from the validated call.
  public var resolve: @Sendable (inout TransformCall) throws -> Relation

  public init(
    _ name: String, kind: Kind = .transform, parameters: [Parameter] = [], summary: String, example: String,
    docAnchor: String? = nil, resolve: @escaping @Sendable (inout TransformCall) throws -> Relation
  ) {
    self.name = name
    self.kind = kind
    self.parameters = parameters
    self.summary = summary
    self.example = example
    self.docAnchor = docAnchor ?? "docs/language.md#\(name.replacingOccurrences(of: "_", with: "-"))"
    self.resolve = resolve
  }

  public var positional: [Parameter] { parameters.filter(\.positional) }
  public var named: [Parameter] { parameters.filter { !$0.positional } }

  /// `compare FROM TO [unit:] [consecutive:]`, for help and messages.
  public var signature: String {
    var parts = [name]
    for p in positional { parts.append(p.required ? p.name.uppercased() : "[\(p.name.uppercased())]") }
    for p in named { parts.append("[\(p.name):\(p.kind.placeholder)]") }
    return parts.joined(separator: " ")
  }
}

/// One parameter of a transform or verb.
public struct Parameter: Sendable {
  public enum Kind: Sendable, Equatable {
    /// An expression over the input's columns (a condition, a tuple of columns to add…).
    case expr
    /// A relation: a table name, a pipeline in parentheses, `[{…}]`.
    case relation
    /// A pipeline of transforms applied inside the step (`group {k} (…)`).
    case pipeline
    /// Column names: `component`, `{year, component}`.
    case columns
    /// A name: `component:market_entry`, `index:pci` (a bare name or a quoted one).
    case name
    /// A constant whole number, optionally within a range.
    case int(ClosedRange<Int64>?)
    /// A constant finite number, optionally within a range.
    case float(ClosedRange<Double>?)
    case bool
    /// A constant text.
    case text
    /// One of these bare words.
    case choice([String])
    /// A constant of any type (validated by the implementation).
    case constant
    /// A range of whole numbers: `-2..0`.
    case range

    var placeholder: String {
      switch self {
      case .expr: return "EXPR"
      case .relation: return "RELATION"
      case .pipeline: return "(PIPELINE)"
      case .columns: return "COLUMNS"
      case .name: return "NAME"
      case .int: return "N"
      case .float: return "X"
      case .bool: return "true|false"
      case .text: return "\"TEXT\""
      case .choice(let options): return options.joined(separator: "|")
      case .constant: return "VALUE"
      case .range: return "A..B"
      }
    }
  }

  public var name: String
  public var kind: Kind
  public var positional: Bool
  public var required: Bool
  /// What it means, for `.help`.
  public var summary: String
  /// The default, as text for `.help` (`500`, `false`).
  public var defaultText: String?

  public static func positional(_ name: String, _ kind: Kind, required: Bool = true, _ summary: String) -> Parameter {
    Parameter(name: name, kind: kind, positional: true, required: required, summary: summary, defaultText: nil)
  }

  public static func named(_ name: String, _ kind: Kind, default defaultText: String? = nil, required: Bool = false, _ summary: String) -> Parameter {
    Parameter(name: name, kind: kind, positional: false, required: required, summary: summary, defaultText: defaultText)
  }
}
