import ChisoEngine
import Foundation

/// libm through Foundation, in one place.
public enum Math {
  public static func pow(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }
}

extension FunctionRegistry {
  static let mathFunctions: [ScalarFunction] = [
    unaryMath("math.abs", "Absolute value.", keepsInt: true) { Swift.abs($0) },
    unaryMath("math.floor", "Largest integer not above x.", keepsInt: true) { Foundation.floor($0) },
    unaryMath("math.ceil", "Smallest integer not below x.", keepsInt: true) { Foundation.ceil($0) },
    unaryMath("math.sqrt", "Square root.") { Foundation.sqrt($0) },
    unaryMath("math.exp", "e to the power x.") { Foundation.exp($0) },
    unaryMath("math.ln", "Natural logarithm.") { Foundation.log($0) },
    unaryMath("math.log10", "Base-10 logarithm.") { Foundation.log10($0) },
    unaryMath("math.sin", "Sine (radians).") { Foundation.sin($0) },
    unaryMath("math.cos", "Cosine (radians).") { Foundation.cos($0) },
    unaryMath("math.tan", "Tangent (radians).") { Foundation.tan($0) },
    unaryMath("math.asin", "Arc sine.") { Foundation.asin($0) },
    unaryMath("math.acos", "Arc cosine.") { Foundation.acos($0) },
    unaryMath("math.atan", "Arc tangent.") { Foundation.atan($0) },
    unaryMath("math.degrees", "Radians to degrees.") { $0 * 180 / Double.pi },
    unaryMath("math.radians", "Degrees to radians.") { $0 * Double.pi / 180 },
    ScalarFunction(
      "math.pi", parameters: [], summary: "π.", example: "from pci | derive p = math.pi"
    ) { types in
      guard types.isEmpty else { return nil }
      return ScalarBinding(name: "math.pi", resultType: .float) { _, n in Column.constant(.float(Double.pi), count: n) }
    },
    ScalarFunction(
      "math.log", parameters: ["base", "column"], summary: "`math.log b x`: logarithm of x in base b.",
      example: "from pci | derive l = (score | math.log 2)"
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
      return ScalarBinding(name: "math.log", resultType: .float) { cols, n in
        floatBinary([cols[1], cols[0]], n) { _, _ in false } op: { x, b in Foundation.log(x) / Foundation.log(b) }
      }
    },
    ScalarFunction(
      "math.pow", parameters: ["exponent", "column"], summary: "`math.pow e x`: x to the power e.",
      example: "from pci | derive sq = (score | math.pow 2)"
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
      return ScalarBinding(name: "math.pow", resultType: .float) { cols, n in
        floatBinary([cols[1], cols[0]], n) { _, _ in false } op: { Foundation.pow($0, $1) }
      }
    },
    ScalarFunction(
      "math.round", parameters: ["digits", "column"],
      summary: "`math.round d x`: x rounded to d decimal places, halves away from zero (as DuckDB).",
      example: "from pci | derive s = (score | math.round 1)"
    ) { types in
      guard types.count == 2, types[0] == .int || types[0] == .null, types[1].isNumeric || types[1] == .null else { return nil }
      let resultType: DataType = types[1] == .int ? .int : .float
      return ScalarBinding(name: "math.round", resultType: resultType) { cols, n throws(ExecutionError) in
        let digits = ColumnMapping.ints(cols[0])
        if resultType == .int {
          // Rounding an integer to d ≥ 0 places changes nothing; d < 0 rounds to tens, hundreds…
          // exactly, in integers (an overflow, `math.round -1 9223372036854775807`, is an error).
          let x = ColumnMapping.ints(cols[1])
          let validity = ColumnMapping.validity(cols, count: n)
          var out = x
          for i in 0..<n where digits[i] < 0 && validity?.isValid(i) ?? true {
            out[i] = try CheckedArithmetic.round(x[i], digits: digits[i])
          }
          return Column(.int(out), validity: validity)
        }
        let x = ColumnMapping.doubles(cols[1])
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
          let m = Foundation.pow(10, Double(digits[i]))
          let scaled = x[i] * m
          // Past 10^308 places nothing changes; past 10^-308 every finite number rounds to 0.
          guard scaled.isFinite, m > 0 else { out[i] = m > 0 || !x[i].isFinite ? x[i] : 0; continue }
          var r = scaled.rounded(.toNearestOrAwayFromZero)
          // `x * m` is itself rounded: 6.2695 (really 6.269499999…) times 1000 gives exactly
          // 6269.5. When the product lands on a half, the exact product's error (by a fused
          // multiply-add) tells on which side the true value lies, as DuckDB's `ROUND` and
          // Python's `round` see it (the differential test found the difference).
          if (0...22).contains(digits[i]), abs(scaled - scaled.rounded(.towardZero)) == 0.5 {
            let error = (-scaled).addingProduct(x[i], m)  // exactly x * m - scaled
            if error != 0 { r = (error < 0) == (scaled > 0) ? scaled.rounded(.towardZero) : r }
          }
          out[i] = r / m
        }
        return Column(.float(out), validity: ColumnMapping.validity(cols, count: n))
      }
    },
  ]

  static func unaryMath(_ name: String, _ summary: String, keepsInt: Bool = false, _ f: @escaping @Sendable (Double) -> Double) -> ScalarFunction {
    ScalarFunction(name, parameters: ["column"], summary: summary, example: "from pci | derive y = (score | \(name))") { types in
      guard types.count == 1, types[0].isNumeric || types[0] == .null else { return nil }
      if keepsInt, types[0] == .int {
        // On ints `floor` and `ceil` change nothing and `abs` is exact (`math.abs` of the
        // smallest int is an overflow error) — no round trip through Double.
        return ScalarBinding(name: name, resultType: .int) { cols, n throws(ExecutionError) in
          guard name == "math.abs" else { return cols[0] }
          let x = ColumnMapping.ints(cols[0])
          var out = [Int64](repeating: 0, count: n)
          for i in 0..<n where !cols[0].isNull(i) { out[i] = try CheckedArithmetic.abs(x[i]) }
          return Column(.int(out), validity: cols[0].validity)
        }
      }
      return ScalarBinding(name: name, resultType: .float) { cols, _ in ColumnMapping.mapFloat(cols[0], f) }
    }
  }
}
