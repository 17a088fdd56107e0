import ChisoEngine
import ChisoPlan
import Foundation

/// A data folder's own settings, from its `chiso.toml`:
///
/// ```toml
/// # every table in this folder sorts its text in Vietnamese order
/// collation = "vi"
/// ```
///
/// The bundled `Datasets/` has one, so `sort province` on the bundled tables sorts Đà Nẵng
/// after Cần Thơ, not after Yên Bái; a folder without one keeps byte order (PRQL's and DuckDB's
/// default).
struct FolderSettings {
  static let fileName = "chiso.toml"

  var collation: Collation?
  /// What was wrong with the file, for `.tables` to report (the folder still loads).
  var problem: String?

  init(directory: String) {
    let path = (directory as NSString).appendingPathComponent(Self.fileName)
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
    do {
      let toml = try TOML.parse(text)
      if let name = toml["collation"]?.string {
        guard let chosen = Collation(rawValue: name) else {
          problem = "\(path): collation must be one of \(Collation.allCases.map(\.rawValue).joined(separator: ", ")), not `\(name)`"
          return
        }
        collation = chosen
      }
    } catch {
      problem = "\(path): \(error)"
    }
  }
}
