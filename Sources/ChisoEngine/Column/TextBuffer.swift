/// Dictionary-encoded text: each row holds a code into `dictionary`, which holds each distinct
/// string once. Repeated values (province names, component ids) cost four bytes a row, and
/// grouping, joining and comparing work on codes.
public struct TextBuffer: Sendable {
  /// One code per row; the value of a null row is unspecified (0).
  public var codes: [UInt32]
  /// Distinct strings; codes index into it.
  public var dictionary: [String]

  public init(codes: [UInt32], dictionary: [String]) {
    self.codes = codes
    self.dictionary = dictionary
  }

  /// Encodes plain strings (nil = null) into a buffer and its validity.
  public static func encode(_ strings: [String?]) -> (TextBuffer, NullBitmap?) {
    var builder = TextBuilder(capacity: strings.count)
    for string in strings { builder.append(string) }
    return builder.finish()
  }

  @inline(__always)
  public subscript(rowIndex: Int) -> String { dictionary[Int(codes[rowIndex])] }
}

/// Builds a `TextBuffer` row by row, interning each distinct string once.
public struct TextBuilder: Sendable {
  private var codes: [UInt32] = []
  private var dictionary: [String] = []
  /// By bytes (`ExactText`): "é" and "e\u{301}" are distinct values, as `==` says.
  private var index: [ExactText: UInt32] = [:]
  private var validity: NullBitmap
  private var sawNull = false

  public init(capacity: Int = 0) {
    codes.reserveCapacity(capacity)
    validity = NullBitmap(count: 0, allValid: true)
  }

  public var count: Int { codes.count }

  public mutating func append(_ string: String?) {
    guard let string else {
      codes.append(0)
      validity.append(false)
      sawNull = true
      return
    }
    if let code = index[ExactText(string)] {
      codes.append(code)
    } else {
      let code = UInt32(dictionary.count)
      dictionary.append(string)
      index[ExactText(string)] = code
      codes.append(code)
    }
    validity.append(true)
  }

  public func finish() -> (TextBuffer, NullBitmap?) {
    (TextBuffer(codes: codes, dictionary: dictionary), sawNull ? validity : nil)
  }
}
