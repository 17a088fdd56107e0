import CLibPQ
import Foundation

/// One libpq connection. The URL (or keyword string) goes to libpq as given, so a password may
/// come from it, from PGPASSWORD or from ~/.pgpass; messages show it redacted.
final class PostgresConnection: @unchecked Sendable {
  private let connection: OpaquePointer
  let shownURL: String
  private let lock = NSLock()

  init(url: String) throws {
    shownURL = Redaction.redact(url)
    guard chiso_pq_available() != 0 else {
      throw EngineError(
        "cannot load PostgreSQL's client library (libpq.so.5) to connect to \(shownURL)",
        hints: ["install it (Debian: apt-get install libpq5)"])
    }
    guard let connection = chiso_PQconnectdb(url) else { throw EngineError("PostgreSQL: out of memory") }
    self.connection = connection
    guard chiso_PQstatus(connection) == CONNECTION_OK else {
      // deinit closes the connection: the object is whole by now.
      let message = Self.message(connection)
      var hints = ["check that the server runs and accepts connections there (host, port or socket folder)"]
      if message.contains("password") {
        hints = ["give the password in PGPASSWORD or ~/.pgpass rather than in the URL (it is never stored or shown)"]
      }
      throw EngineError("cannot connect to PostgreSQL at \(shownURL): \(message)", hints: hints)
    }
  }

  deinit { chiso_PQfinish(connection) }

  static func message(_ connection: OpaquePointer?) -> String {
    guard let connection, let text = chiso_PQerrorMessage(connection) else { return "unknown error" }
    return Redaction.redact(String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Runs commands that return no rows.
  func execute(_ sql: String) throws {
    lock.lock()
    defer { lock.unlock() }
    guard let result = chiso_PQexec(connection, sql) else { throw EngineError("PostgreSQL: \(Self.message(connection))") }
    defer { chiso_PQclear(result) }
    let status = chiso_PQresultStatus(result)
    guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw error(result) }
  }

  func error(_ result: OpaquePointer) -> EngineError {
    let text = chiso_PQresultErrorMessage(result).map { String(cString: $0) } ?? Self.message(connection)
    return EngineError("PostgreSQL: " + Redaction.redact(text.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  /// Runs a query and streams its rows (one at a time: libpq's single-row mode) to `row`.
  func query(_ sql: String, row: ([String?]) throws -> Void) throws {
    lock.lock()
    defer { lock.unlock() }
    guard chiso_PQsendQuery(connection, sql) == 1 else { throw EngineError("PostgreSQL: \(Self.message(connection))") }
    _ = chiso_PQsetSingleRowMode(connection)
    var failure: Error? = nil
    while let result = chiso_PQgetResult(connection) {
      defer { chiso_PQclear(result) }
      let status = chiso_PQresultStatus(result)
      switch status {
      case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
        guard failure == nil else { continue }
        let columns = Int(chiso_PQnfields(result))
        for r in 0..<chiso_PQntuples(result) {
          var cells: [String?] = []
          cells.reserveCapacity(columns)
          for c in 0..<Int32(columns) {
            cells.append(chiso_PQgetisnull(result, r, c) == 1 ? nil : String(cString: chiso_PQgetvalue(result, r, c)))
          }
          do { try row(cells) } catch { failure = error }
        }
      case PGRES_COMMAND_OK:
        break
      default:
        if failure == nil { failure = self.error(result) }
      }
    }
    if let failure { throw failure }
  }

  /// `COPY … FROM STDIN` with the data in chunks.
  func copyIn(_ sql: String, chunks: (( _ send: (String) throws -> Void) throws -> Void)) throws {
    lock.lock()
    defer { lock.unlock() }
    guard let start = chiso_PQexec(connection, sql) else { throw EngineError("PostgreSQL: \(Self.message(connection))") }
    let status = chiso_PQresultStatus(start)
    guard status == PGRES_COPY_IN else {
      defer { chiso_PQclear(start) }
      throw error(start)
    }
    chiso_PQclear(start)
    var failure: Error? = nil
    do {
      try chunks { text in
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return }
        let sent = bytes.withUnsafeBufferPointer { buffer in
          buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chiso_PQputCopyData(connection, $0, Int32(bytes.count)) }
        }
        if sent != 1 { throw EngineError("PostgreSQL: \(Self.message(connection))") }
      }
    } catch {
      failure = error
    }
    if failure == nil { chiso_PQputCopyEnd(connection, nil) } else { chiso_PQputCopyEnd(connection, "chiso stopped the copy") }
    while let result = chiso_PQgetResult(connection) {
      defer { chiso_PQclear(result) }
      if chiso_PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil { failure = self.error(result) }
    }
    if let failure { throw failure }
  }
}
