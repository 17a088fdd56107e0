#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A query's cancel switch: the REPL abandons a query on Ctrl-C at once, and sets this so that
/// the abandoned work also stops soon (long loops check it: `loop` iterations, `robustness`
/// draws, regular-expression scans, plan nodes) instead of running on in the background.
public final class QueryCancellation: @unchecked Sendable {
  private var mutex = pthread_mutex_t()
  private var cancelled = false

  public init() { pthread_mutex_init(&mutex, nil) }
  deinit { pthread_mutex_destroy(&mutex) }

  public func cancel() {
    pthread_mutex_lock(&mutex)
    cancelled = true
    pthread_mutex_unlock(&mutex)
  }

  public var isCancelled: Bool {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return cancelled
  }

  /// The switch of the running query, if it has one.
  @TaskLocal public static var current: QueryCancellation? = nil

  /// Throws once the running query was cancelled.
  @inline(__always)
  public static func check() throws(ExecutionError) {
    if let current, current.isCancelled { throw ExecutionError("cancelled") }
  }
}
