import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Morsel-driven parallelism for the executor's kernels. Work is cut into morsels of a fixed
/// number of rows — fixed, not derived from the thread count — and each morsel's partial result
/// lands in its own slot; partials are combined in morsel order. So the answer is the same to the
/// bit whatever the number of threads (a float sum adds the same partials in the same order), and
/// a test can compare one thread with several.
public enum Parallel {
  /// Rows per morsel: large enough that scheduling costs nothing, small enough to balance two
  /// cores and stay in cache.
  public static let morselRows = 1 << 16

  /// Worker threads: `CHISO_THREADS` when set (1 = everything on the calling thread), else one
  /// per core (at most 16).
  public static let threads: Int = {
    if let text = getenv("CHISO_THREADS"), let n = Int(String(cString: text)), n >= 1 { return Swift.min(n, 64) }
    return Swift.max(1, Swift.min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 16))
  }()

  /// The morsels of `rows` rows: `count` ranges of `morselRows` (the last shorter).
  public static func morselCount(_ rows: Int) -> Int { (rows + morselRows - 1) / morselRows }

  @inline(__always)
  public static func morsel(_ k: Int, of rows: Int) -> Range<Int> {
    let start = k * morselRows
    return start..<Swift.min(rows, start + morselRows)
  }

  /// Runs `body(k)` for every k in `0..<count` on up to `threads` threads (work is claimed one
  /// item at a time, so a busy core slows nothing down). `body` must only write to state of its
  /// own item.
  public static func forEach(_ count: Int, threads: Int = Parallel.threads, _ body: (Int) -> Void) {
    if count <= 0 { return }
    let workers = Swift.min(threads, count)
    if workers <= 1 {
      for k in 0..<count { body(k) }
      return
    }
    let next = AtomicCounter()
    withoutActuallyEscaping(body) { body in
      let shared = UnsafeSendable(body)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let k = next.increment()
          if k >= count { break }
          shared.value(k)
        }
      }
    }
  }

  /// `body(k)` for every morsel of `rows` rows, results in morsel order.
  public static func mapMorsels<T>(_ rows: Int, threads: Int = Parallel.threads, _ body: (Range<Int>) -> T) -> [T] {
    map(morselCount(rows), threads: threads) { k in body(morsel(k, of: rows)) }
  }

  /// `body(k)` for every k in `0..<count` on up to `threads` threads, results in order of k.
  public static func map<T>(_ count: Int, threads: Int = Parallel.threads, _ body: (Int) -> T) -> [T] {
    let slots = UnsafeMutablePointer<T?>.allocate(capacity: Swift.max(count, 1))
    slots.initialize(repeating: nil, count: Swift.max(count, 1))
    defer {
      slots.deinitialize(count: Swift.max(count, 1))
      slots.deallocate()
    }
    let out = UnsafeSendable(slots)
    forEach(count, threads: threads) { k in out.value[k] = body(k) }
    return (0..<count).map { slots[$0]! }
  }
}

/// A value handed to worker threads that each touch only their own part of it.
struct UnsafeSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// A counter threads take numbers from (a mutex: the engine has no atomics package).
final class AtomicCounter: @unchecked Sendable {
  private var value = 0
  private let lock = PthreadLock()
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value - 1
  }
}
