import Foundation
import Testing

/// Issue 12's crash classes through the binary, as a careless or adversarial user meets them:
/// each ends with a located error (exit 1) or a documented value (exit 0), never a signal; a
/// result that cannot be written ends with exit 3 (docs/reliability.md, "Limits").
@Suite struct ReliabilityCLITests {
  /// Exit status of a shell command line (`CHISO` stands for the binary); -1 when it was killed
  /// by a signal (the shell reports 128 + the signal).
  static func status(_ shell: String) throws -> (status: Int32, stdout: String, stderr: String)? {
    guard let r = try CLITests.run([], shell: shell + "; echo \"exit=$?\" >&2") else { return nil }
    let code = r.stderr.components(separatedBy: "exit=").last.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? -2
    return (code, r.stdout, r.stderr)
  }

  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-reliability-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func reproducersEndInLocatedErrorsNotSignals() throws {
    let queries = [
      "from [{a = 1}] | derive {d = @2019-01-01 + 9223372036854775807weeks}",
      "from pci | take (-9223372036854775807 - 1)..3",
      "from [{a = 1}] | window rows:9223372036854775807..9223372036854775807 (derive {s = sum a})",
      "from [{a = -9223372036854775807 - 1}] | derive {b = math.abs a}",
      "from [{a = 15}] | derive {b = (a | math.round (-9223372036854775807 - 1))}",
      "from [{a = \"hello\"}] | derive {b = (a | text.extract (-9223372036854775807 - 1) 3)}",
      "from pci | robustness draws:-1",
      "from [{s = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"}] | filter s ~= \"(a+)+$\"",
      "from (read_csv \"/dev/zero\")",
      "from [{a = 9223372036854775807}, {a = 1}] | sort a | window rows:-1..0 (derive {s = sum a})",
      "from [{a = 1}] | derive {d = @0001-01-01 + 9223372036854775807}",
      "from [{a = -1.0e300}] | derive {b = (a | as int)}",
    ]
    for query in queries {
      guard let r = try CLITests.run(["-c", query]) else { return }
      #expect(r.status == 0 || r.status == 1, "\(query): exit \(r.status)")
      if r.status == 1 { #expect(r.stderr.contains(" --> <command>:1:") || r.stderr.contains("/dev/zero"), "\(query): \(r.stderr)") }
      #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Backtrac"), "\(query): \(r.stderr)")
    }
  }

  @Test func longInputsAreHandledIteratively() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cases: [(String, String)] = [
      ("steps", "from [{a = 1}]\n" + (0..<20_000).map { ["sort a", "derive {b = a}", "select {a}", "take 5", "filter a > 0"][$0 % 5] }.joined(separator: "\n")),
      ("derive", "from [{a = 1}] | derive {" + (0..<20_000).map { "c\($0) = a + \($0)" }.joined(separator: ", ") + "} | select {c19999}"),
      ("in", "from [{a = 99999}] | filter (a | in [" + (0..<100_000).map(String.init).joined(separator: ", ") + "])"),
    ]
    for (name, text) in cases {
      let file = folder.appendingPathComponent("\(name).prql")
      try text.write(to: file, atomically: true, encoding: .utf8)
      guard let r = try CLITests.run(["--format", "csv", file.path]) else { return }
      #expect(r.status == 0, "\(name): \(r.stderr.prefix(300))")
    }
  }

  @Test func deeplyNestedManifestIsAProblemOfThatFileNotACrash() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "a\n1\n".write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    try ("id = \"t\"\nx = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n")
      .write(to: folder.appendingPathComponent("t.toml"), atomically: true, encoding: .utf8)
    guard let r = try CLITests.run(["--data", folder.path, "--format", "csv", "-c", "from t"]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "a\n1\n")
  }

  @Test func outputThatCannotBeWrittenEndsWithStatusThree() throws {
    // A full disk: a one-line message on standard error, status 3.
    if FileManager.default.fileExists(atPath: "/dev/full") {
      guard let full = try Self.status("CHISO -c 'from pci | take 5' > /dev/full") else { return }
      #expect(full.status == 3)
      #expect(full.stderr.contains("could not write the result"))
      // A full standard error: the query error is not shown, but the status says so; a result
      // still prints.
      guard let errFull = try Self.status("CHISO -c 'from pci | filter yaer == 1' 2> /dev/full") else { return }
      #expect(errFull.status == 1)
      guard let okErrFull = try Self.status("CHISO --format csv -c 'from provinces | take 1 | select {gso_code}' 2> /dev/full") else { return }
      #expect(okErrFull.status == 0)
      #expect(okErrFull.stdout == "gso_code\n01\n")
    }
    // A closed standard output, a closed standard error.
    guard let closed = try Self.status("CHISO -c 'from pci | take 5' >&-") else { return }
    #expect(closed.status == 3)
    guard let errClosed = try Self.status("CHISO -c 'from pci | filter yaer == 1' 2>&-") else { return }
    #expect(errClosed.status == 1)
    // A pipe closed early (`| head`): quiet, and not a success.
    // (`sh` has no PIPESTATUS: through bash, when present.)
    if FileManager.default.fileExists(atPath: "/bin/bash") {
      guard let bash = try CLITests.run([], shell: "bash -c 'CHISO --format csv -c \"from pci\" | head -1 > /dev/null; echo chiso=${PIPESTATUS[0]}'") else { return }
      #expect(bash.stdout.contains("chiso=3"), "\(bash.stdout)\(bash.stderr)")
      #expect(!bash.stderr.contains("error"))
    }
  }

  @Test func nonRegularFilesAndHugeInputsAreRefused() throws {
    guard let zero = try Self.status("CHISO /dev/zero") else { return }
    #expect(zero.status == 1)
    #expect(zero.stderr.contains("is a device"))
    guard let stdin = try Self.status("head -c 70000000 /dev/zero | CHISO") else { return }
    #expect(stdin.status == 1)
    #expect(stdin.stderr.contains("larger than 64 MB"))
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    guard let r = try CLITests.run(["--data", folder.path, "-c", "from pipe"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("is a pipe, not a file"))
  }

  @Test func resultsPastTheMemoryLimitStopEarlyNamingTheStep() throws {
    let cases = [
      ("from pci | derive {k = 1} | join (from pci | derive {k = 1}) (==k)", "row pairs"),
      ("from [{s = \"ab\"}] | loop (filter (text.length s) < 1000000000 | select {s = f\"{s}{s}\"})", "`loop` has made"),
      ("from [{s = \"aaaaaaaaaa\"}] | derive {t = (s | text.replace \"a\" \"" + String(repeating: "a", count: 4_000) + "\")} | derive {u = (t | text.replace \"a\" \"" + String(repeating: "a", count: 4_000) + "\")}", "`text.replace`"),
    ]
    for (query, words) in cases {
      guard let r = try CLITests.run(["--max-memory", "64M", "-c", query]) else { return }
      #expect(r.status == 1, "\(query): \(r.stderr.prefix(200))")
      #expect(r.stderr.contains(words) && r.stderr.contains("more than the memory limit (64 MB)"), "\(r.stderr)")
      #expect(r.stderr.contains(" --> <command>:1:"), "\(r.stderr)")
    }
    guard let bad = try CLITests.run(["--max-memory", "lots", "-c", "from pci"]) else { return }
    #expect(bad.status == 2)
  }

  @Test func diagnosticsQuoteAWindowOfAVeryLongLine() throws {
    let long = String(repeating: "a", count: 100_000)
    guard let r = try CLITests.run(["-c", "from [{s = \"\(long)\"}] | derive {x = s + 1}"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.count < 2_000, "\(r.stderr.count) characters of diagnostics")
    #expect(r.stderr.contains("…"))
  }
}
