#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

/* Runs body(context) on another stack on the calling thread (DeepStack.swift): a query's
   recursion gets a large stack without a thread created per query — a new thread can wait a
   whole scheduler tick (4 ms) for a core on a busy machine, where switching stacks takes a
   microsecond. makecontext is variadic, which Swift cannot call, hence this header. */
typedef void (*chiso_stack_body)(void *);

struct chiso_stack_call {
  chiso_stack_body body;
  void *context;
  ucontext_t caller;
  ucontext_t callee;
};

/* makecontext passes int arguments only: the call's address arrives in two halves. */
static inline void chiso_stack_trampoline(unsigned int high, unsigned int low) {
  struct chiso_stack_call *call = (struct chiso_stack_call *)(((uintptr_t)high << 32) | (uintptr_t)low);
  call->body(call->context);
  /* Returning resumes uc_link: the caller, just after its swapcontext. */
}

/* 0 when body ran on [stack, stack + size); -1 when the switch failed (body did not run). */
static inline int chiso_run_on_stack(void *stack, size_t size, chiso_stack_body body, void *context) {
  struct chiso_stack_call call;
  call.body = body;
  call.context = context;
  if (getcontext(&call.callee) != 0) return -1;
  call.callee.uc_stack.ss_sp = stack;
  call.callee.uc_stack.ss_size = size;
  call.callee.uc_link = &call.caller;
  uintptr_t address = (uintptr_t)&call;
  makecontext(&call.callee, (void (*)(void))chiso_stack_trampoline, 2, (unsigned int)(address >> 32),
              (unsigned int)(address & 0xffffffffu));
  if (swapcontext(&call.caller, &call.callee) != 0) return -1;
  return 0;
}
