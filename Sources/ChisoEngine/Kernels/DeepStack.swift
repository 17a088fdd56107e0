#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs work on a thread with a large stack and waits for it. Resolving and running a plan walk
/// it recursively, and a plan is as deep as the pipeline is long: 20,000 steps overflowed the
/// main thread's 8 MB in a debug build. The stack is reserved address space; only the pages a
/// query touches are ever allocated.
public enum DeepStack {
  /// Bytes of stack for query work.
  public static let size = 512 << 20

  public static func run<T>(_ body: @escaping () -> T) -> T {
    var result: T? = nil
    let box = Box { result = body() }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    guard pthread_attr_setstacksize(&attributes, size) == 0 else { return body() }
    let context = Unmanaged.passRetained(box).toOpaque()
    #if canImport(Darwin)
      var thread: pthread_t? = nil
    #else
      var thread = pthread_t()
    #endif
    let started = pthread_create(&thread, &attributes, { context in
      let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
      box.body()
      return nil
    }, context)
    guard started == 0 else {
      Unmanaged<Box>.fromOpaque(context).release()
      return body()
    }
    #if canImport(Darwin)
      if let thread { pthread_join(thread, nil) }
    #else
      pthread_join(thread, nil)
    #endif
    // The thread has finished: `result` is set and no longer shared.
    return result ?? body()
  }

  private final class Box {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
  }
}
