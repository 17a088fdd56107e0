import ChisoCore
import ChisoEngine
import ChisoPlan

/// What the lints know when the tables live in an engine: the manifests (from the data
/// folders) and the distinct years and components of a table, asked of the engine.
final class EngineLintData: LintData, @unchecked Sendable {
  let split: SplitExecution
  let schemas: any SchemaProvider
  let local: Catalog

  init(split: SplitExecution, schemas: any SchemaProvider, local: Catalog) {
    self.split = split
    self.schemas = schemas
    self.local = local
  }

  var manifests: [String: IndexManifest] { local.manifests }

  func distinctValues(of origin: ColumnOrigin) -> [Value]? {
    if let values = local.distinctValues(of: origin) { return values }
    let schema = try? schemas.schema(ofTable: origin.table)
    return split.distinctValues(of: origin, schema: schema ?? nil)
  }

  /// The alias table of the data folders (spellings are facts about names, not about the engine).
  func aliases() -> [String: (official: String, code: String)] { local.aliases() }
}
