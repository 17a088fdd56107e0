import ChisoSyntax

/// The transforms and verbs a session knows, by name. ChisoPlan registers PRQL's transforms
/// (`TransformRegistry.core`); ChisoIndex adds the index verbs; a session combines them.
public struct TransformRegistry: Sendable {
  public private(set) var records: [TransformSpec] = []
  private var index: [String: Int] = [:]

  public init(_ records: [TransformSpec]) {
    for record in records { add(record) }
  }

  /// Adds a record; a later record of the same name replaces the earlier one.
  public mutating func add(_ record: TransformSpec) {
    if let i = index[record.name] {
      records[i] = record
    } else {
      index[record.name] = records.count
      records.append(record)
    }
  }

  public func adding(_ more: [TransformSpec]) -> TransformRegistry {
    var copy = self
    for record in more { copy.add(record) }
    return copy
  }

  public subscript(name: String) -> TransformSpec? { index[name].map { records[$0] } }

  /// Names of one kind, in registration order.
  public func names(_ kind: TransformSpec.Kind) -> [String] { records.filter { $0.kind == kind }.map(\.name) }

  /// Every name, for suggestions.
  public var allNames: [String] { records.map(\.name) }

  /// PRQL's own transforms.
  public static let core = TransformRegistry(CoreTransforms.all)
}
