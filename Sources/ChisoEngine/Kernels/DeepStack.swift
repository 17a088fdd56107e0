#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
#if os(Linux)
  import CDeepStack
#endif

/// Runs work on a large stack and waits for it. Resolving and running a plan walk it
/// recursively, and a plan is as deep as the pipeline is long: 20,000 steps overflowed the main
/// thread's 8 MB in a debug build. The stack is reserved address space; only the pages a query
/// touches are ever allocated.
///
/// On Linux the work runs on the calling thread, switched onto a stack that thread keeps for
/// its life (`chiso_run_on_stack`): creating a thread per query cost a new thread's wait for a
/// core, up to a 4 ms scheduler tick on a busy machine — 30× the whole of a small query
/// (callgrind: ≈ 0.9 M instructions for a filter + count on 13k rows). Work that is already on
/// such a stack runs directly. Elsewhere, a thread with a large stack runs it.
public enum DeepStack {
  /// Bytes of stack for query work.
  public static let size = 512 << 20

  public static func run<T>(_ body: @escaping () -> T) -> T {
    #if os(Linux)
      guard let stack = ThreadStack.current() else { return onNewThread(body) }
      if stack.active { return body() }
      var result: T? = nil
      let box = Box { result = body() }
      stack.active = true
      let context = Unmanaged.passUnretained(box).toOpaque()
      let switched = chiso_run_on_stack(stack.start, stack.usable, { context in
        guard let context else { return }
        Unmanaged<Box>.fromOpaque(context).takeUnretainedValue().body()
      }, context)
      stack.active = false
      stack.releaseDeepPages()
      withExtendedLifetime(box) {}
      guard switched == 0, let result else { return onNewThread(body) }
      return result
    #else
      return onNewThread(body)
    #endif
  }

  /// `body` on a thread of its own with a stack of `size` bytes (or here, if none can be made).
  static func onNewThread<T>(_ body: @escaping () -> T) -> T {
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

#if os(Linux)
  /// A thread's query stack: `DeepStack.size` bytes of address space above a guard region,
  /// mapped on the thread's first query and unmapped when the thread ends.
  final class ThreadStack {
    /// Below the stack: never mapped readable, so an overflow faults instead of writing over
    /// other memory.
    static let guardBytes = 64 << 10
    /// The top of the stack that stays resident between queries; deeper pages go back.
    static let keptBytes = 1 << 20

    let base: UnsafeMutableRawPointer
    let start: UnsafeMutableRawPointer
    let usable: Int
    /// True while a query runs on it (a nested `DeepStack.run` runs directly).
    var active = false

    private init?() {
      let total = DeepStack.size + ThreadStack.guardBytes
      let mapped = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0)
      guard let mapped, mapped != MAP_FAILED else { return nil }
      guard mprotect(mapped, ThreadStack.guardBytes, PROT_NONE) == 0 else {
        munmap(mapped, total)
        return nil
      }
      base = mapped
      start = mapped + ThreadStack.guardBytes
      usable = DeepStack.size
    }

    deinit { munmap(base, usable + ThreadStack.guardBytes) }

    /// A deep query (a 20,000-step pipeline) touches hundreds of megabytes of stack; give them
    /// back once it is done, so the REPL does not keep them. A shallow one touched only the top:
    /// one `mincore` of the page below the kept part says which it was.
    func releaseDeepPages() {
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let boundary = start + (usable - ThreadStack.keptBytes)
      var resident: UInt8 = 0
      guard mincore(boundary - page, page, &resident) == 0, resident & 1 == 1 else { return }
      _ = madvise(start, usable - ThreadStack.keptBytes, MADV_DONTNEED)
    }

    /// The calling thread's stack, made on first use; nil if it cannot be mapped.
    static func current() -> ThreadStack? {
      guard let key else { return nil }
      if let existing = pthread_getspecific(key) { return Unmanaged<ThreadStack>.fromOpaque(existing).takeUnretainedValue() }
      guard let made = ThreadStack() else { return nil }
      guard pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque()) == 0 else { return nil }
      return made
    }

    /// The thread-specific slot; its destructor unmaps a finished thread's stack.
    private static let key: pthread_key_t? = {
      var key = pthread_key_t()
      let made = pthread_key_create(&key) { pointer in
        guard let pointer else { return }
        Unmanaged<ThreadStack>.fromOpaque(pointer).release()
      }
      return made == 0 ? key : nil
    }()
  }
#endif
