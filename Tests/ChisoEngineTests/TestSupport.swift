import ChisoEngine
import Foundation

/// Reads CSV text as if from a file named `t.csv`.
func readCSV(_ text: String, options: CSVOptions = .init()) throws(DataError) -> Table {
  try CSVReader.read(bytes: Array(text.utf8), name: "t.csv", options: options)
}

/// The error reading CSV bytes gives, or nil when it reads.
func csvError(_ bytes: [UInt8], options: CSVOptions = .init()) -> DataError? {
  do {
    _ = try CSVReader.read(bytes: bytes, name: "t.csv", options: options)
    return nil
  } catch {
    return error
  }
}

func csvError(_ text: String, options: CSVOptions = .init()) -> DataError? {
  csvError(Array(text.utf8), options: options)
}

func readJSON(_ text: String) throws(DataError) -> Table {
  try JSONReader.read(bytes: Array(text.utf8), name: "t.json")
}

func jsonError(_ text: String) -> DataError? {
  jsonError(Array(text.utf8))
}

func jsonError(_ bytes: [UInt8]) -> DataError? {
  do {
    _ = try JSONReader.read(bytes: bytes, name: "t.json")
    return nil
  } catch {
    return error
  }
}

extension Table {
  /// Column `name`'s values, boxed.
  func values(_ name: String) -> [Value] {
    guard let index = index(of: name) else { return [] }
    return (0..<rowCount).map { columns[index].value(at: $0) }
  }

  func type(_ name: String) -> DataType? {
    index(of: name).map { columns[$0].type }
  }

  /// All rows, boxed.
  var rows: [[Value]] {
    (0..<rowCount).map { row in columns.map { $0.value(at: row) } }
  }
}

/// The package root, found from this file's path, for reading shared test data.
let packageRoot: String = {
  var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)  // Tests/ChisoEngineTests/TestSupport.swift
  return parts.joined(separator: "/")
}()

/// A path in the temporary directory unique to this process.
func temporaryPath(_ name: String) -> String {
  FileManager.default.temporaryDirectory.path + "/chiso-io-\(ProcessInfo.processInfo.processIdentifier)-" + name
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func removeFile(_ path: String) {
  try? FileManager.default.removeItem(atPath: path)
}
