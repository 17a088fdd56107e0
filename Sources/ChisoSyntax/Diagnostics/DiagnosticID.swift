/// A diagnostic's stable identifier (`unknown-column`). Tests, docs and message catalogs key
/// on it, so the wording can improve without breaking them. Every id is a static member here —
/// there is no way to make one from a string literal at a call site — so `DiagnosticID.all` is
/// the complete list (the localisation test checks each has every language's text).
public struct DiagnosticID: Sendable, Hashable, CustomStringConvertible {
  public let rawValue: String

  private init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  /// The id with this text, if there is one.
  public init?(rawValue: String) {
    guard let id = DiagnosticID.all.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = id
  }
  public static let aliasSpelling = DiagnosticID("alias-spelling")
  public static let ambiguousColumn = DiagnosticID("ambiguous-column")
  public static let ambiguousParameter = DiagnosticID("ambiguous-parameter")
  public static let argumentCount = DiagnosticID("argument-count")
  public static let badArgument = DiagnosticID("bad-argument")
  public static let badDate = DiagnosticID("bad-date")
  public static let badEscape = DiagnosticID("bad-escape")
  public static let badInlineRelation = DiagnosticID("bad-inline-relation")
  public static let badInterval = DiagnosticID("bad-interval")
  public static let badNumber = DiagnosticID("bad-number")
  public static let badType = DiagnosticID("bad-type")
  public static let cacheIgnored = DiagnosticID("cache-ignored")
  public static let cannotFit = DiagnosticID("cannot-fit")
  public static let columnCount = DiagnosticID("column-count")
  public static let coverage = DiagnosticID("coverage")
  public static let data = DiagnosticID("data")
  public static let duplicateArgument = DiagnosticID("duplicate-argument")
  public static let emptyParens = DiagnosticID("empty-parens")
  public static let emptyPipeline = DiagnosticID("empty-pipeline")
  public static let emptyResult = DiagnosticID("empty-result")
  public static let extraArgument = DiagnosticID("extra-argument")
  public static let functionAsValue = DiagnosticID("function-as-value")
  public static let internalError = DiagnosticID("internal")
  public static let joinFanOut = DiagnosticID("join-fan-out")
  public static let loopColumnOrder = DiagnosticID("loop-column-order")
  public static let methodologyBreak = DiagnosticID("methodology-break")
  public static let misplacedAggregate = DiagnosticID("misplaced-aggregate")
  public static let misplacedFrom = DiagnosticID("misplaced-from")
  public static let misplacedSelfEquality = DiagnosticID("misplaced-self-equality")
  public static let misplacedThis = DiagnosticID("misplaced-this")
  public static let misplacedWindow = DiagnosticID("misplaced-window")
  public static let missingArgument = DiagnosticID("missing-argument")
  public static let missingColumn = DiagnosticID("missing-column")
  public static let needsData = DiagnosticID("needs-data")
  public static let noBandThresholds = DiagnosticID("no-band-thresholds")
  public static let noComposite = DiagnosticID("no-composite")
  public static let noMain = DiagnosticID("no-main")
  public static let noManifest = DiagnosticID("no-manifest")
  public static let noScale = DiagnosticID("no-scale")
  public static let noSuchValue = DiagnosticID("no-such-value")
  public static let noWeight = DiagnosticID("no-weight")
  public static let noWeights = DiagnosticID("no-weights")
  public static let nonFiniteRank = DiagnosticID("non-finite-rank")
  public static let notAFunction = DiagnosticID("not-a-function")
  public static let notARelation = DiagnosticID("not-a-relation")
  public static let notATransform = DiagnosticID("not-a-transform")
  public static let notAggregated = DiagnosticID("not-aggregated")
  public static let nullName = DiagnosticID("null-name")
  public static let outOfRange = DiagnosticID("out-of-range")
  public static let partialYear = DiagnosticID("partial-year")
  public static let pivotDuplicate = DiagnosticID("pivot-duplicate")
  public static let recursion = DiagnosticID("recursion")
  public static let runtime = DiagnosticID("runtime")
  public static let schemaChanged = DiagnosticID("schema-changed")
  public static let sqlNotSupported = DiagnosticID("sql-not-supported")
  public static let test = DiagnosticID("test")
  public static let tooDeep = DiagnosticID("too-deep")
  public static let trailingPipe = DiagnosticID("trailing-pipe")
  public static let typeMismatch = DiagnosticID("type-mismatch")
  public static let unclosed = DiagnosticID("unclosed")
  public static let unexpectedArray = DiagnosticID("unexpected-array")
  public static let unexpectedCharacter = DiagnosticID("unexpected-character")
  public static let unexpectedFunction = DiagnosticID("unexpected-function")
  public static let unexpectedRange = DiagnosticID("unexpected-range")
  public static let unexpectedToken = DiagnosticID("unexpected-token")
  public static let unexpectedTuple = DiagnosticID("unexpected-tuple")
  public static let unknownArgument = DiagnosticID("unknown-argument")
  public static let unknownColumn = DiagnosticID("unknown-column")
  public static let unknownComponent = DiagnosticID("unknown-component")
  public static let unknownFunction = DiagnosticID("unknown-function")
  public static let unknownIndex = DiagnosticID("unknown-index")
  public static let unknownParameter = DiagnosticID("unknown-parameter")
  public static let unknownRelation = DiagnosticID("unknown-relation")
  public static let unknownTable = DiagnosticID("unknown-table")
  public static let unknownTransform = DiagnosticID("unknown-transform")
  public static let unknownUnit = DiagnosticID("unknown-unit")
  public static let unorderedRank = DiagnosticID("unordered-rank")
  public static let unsupported = DiagnosticID("unsupported")
  public static let unterminatedIdentifier = DiagnosticID("unterminated-identifier")
  public static let unterminatedInterpolation = DiagnosticID("unterminated-interpolation")
  public static let unterminatedString = DiagnosticID("unterminated-string")
  public static let yearNotCovered = DiagnosticID("year-not-covered")

  /// Every id, sorted.
  public static let all: [DiagnosticID] = [
    .aliasSpelling,
    .ambiguousColumn,
    .ambiguousParameter,
    .argumentCount,
    .badArgument,
    .badDate,
    .badEscape,
    .badInlineRelation,
    .badInterval,
    .badNumber,
    .badType,
    .cacheIgnored,
    .cannotFit,
    .columnCount,
    .coverage,
    .data,
    .duplicateArgument,
    .emptyParens,
    .emptyPipeline,
    .emptyResult,
    .extraArgument,
    .functionAsValue,
    .internalError,
    .joinFanOut,
    .loopColumnOrder,
    .methodologyBreak,
    .misplacedAggregate,
    .misplacedFrom,
    .misplacedSelfEquality,
    .misplacedThis,
    .misplacedWindow,
    .missingArgument,
    .missingColumn,
    .needsData,
    .noBandThresholds,
    .noComposite,
    .noMain,
    .noManifest,
    .noScale,
    .noSuchValue,
    .noWeight,
    .noWeights,
    .nonFiniteRank,
    .notAFunction,
    .notARelation,
    .notATransform,
    .notAggregated,
    .nullName,
    .outOfRange,
    .partialYear,
    .pivotDuplicate,
    .recursion,
    .runtime,
    .schemaChanged,
    .sqlNotSupported,
    .test,
    .tooDeep,
    .trailingPipe,
    .typeMismatch,
    .unclosed,
    .unexpectedArray,
    .unexpectedCharacter,
    .unexpectedFunction,
    .unexpectedRange,
    .unexpectedToken,
    .unexpectedTuple,
    .unknownArgument,
    .unknownColumn,
    .unknownComponent,
    .unknownFunction,
    .unknownIndex,
    .unknownParameter,
    .unknownRelation,
    .unknownTable,
    .unknownTransform,
    .unknownUnit,
    .unorderedRank,
    .unsupported,
    .unterminatedIdentifier,
    .unterminatedInterpolation,
    .unterminatedString,
    .yearNotCovered,
  ]
}
