import ArgumentParser
import ChisoEngine
import ChisoLocale
import ChisoRender
import Foundation

/// A chart the command line asked for (`--chart`, `--highlight`, `--ascii`).
struct ChartSetup {
  var request: ChartRequest
  var spec: ChartSpec

  /// The setup for the options given; nil when no chart was asked for. A usage error when the
  /// options are wrong or `--highlight` comes without `--chart`.
  static func from(
    chart: String?, highlight: String?, value: String? = nil, ascii: Bool, colour: Bool, language: Language = .en
  ) throws -> ChartSetup? {
    guard let chart else {
      if highlight != nil { throw ValidationError("--highlight needs --chart (e.g. --chart bar --highlight \"Lai Châu\")") }
      if value != nil { throw ValidationError("--value needs --chart (e.g. --chart line --value score)") }
      return nil
    }
    let request: ChartRequest
    do {
      request = try ChartRequest.parse(chart)
    } catch {
      throw ValidationError("--chart: \(error.message)")
    }
    let spec = ChartSpec(
      kind: request.kind, value: value, highlight: highlight, ascii: ascii, width: ChartCommand.terminalWidth(),
      colour: colour && request.file == nil, language: language)
    return ChartSetup(request: request, spec: spec)
  }
}

extension Output {
  /// Draws the chart of `table`: prints a terminal chart, or writes the SVG file and says so on
  /// standard error. False (with the message on standard error) when the chart cannot be drawn.
  func drawChart(_ table: Table, _ chart: ChartSetup) -> Bool {
    do {
      switch try ChartCommand.produce(table, request: chart.request, spec: chart.spec) {
      case .text(let text): write(text)
      case .file(_, let message): StandardStreams.err(message + "\n")
      }
      return true
    } catch {
      let label = Colour(enabled: colourErrors).boldRed("error")
      StandardStreams.err("\(label): chart: \(error.message)\n")
      return false
    }
  }
}
