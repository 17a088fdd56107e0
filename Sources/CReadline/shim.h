#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Signal flags for the REPL. The handlers only set a flag (async-signal-safe); the line editor
   polls the flags between keys and while a query runs. Installed without SA_RESTART so that a
   blocking poll() returns EINTR at once. Only the LineEditor module uses these. */
static volatile sig_atomic_t chiso_sigint_flag = 0;
static volatile sig_atomic_t chiso_sigwinch_flag = 0;
static volatile sig_atomic_t chiso_sigterm_flag = 0;
static volatile sig_atomic_t chiso_sigtstp_flag = 0;

static inline void chiso_on_sigint(int sig) { (void)sig; chiso_sigint_flag = 1; }
static inline void chiso_on_sigwinch(int sig) { (void)sig; chiso_sigwinch_flag = 1; }
static inline void chiso_on_sigterm(int sig) { (void)sig; chiso_sigterm_flag = 1; }
static inline void chiso_on_sigtstp(int sig) { (void)sig; chiso_sigtstp_flag = 1; }

/* Ctrl-Z is caught only while a line is being edited, so that the terminal can be restored
   before stopping; while a query runs, the default action stops the process as usual. */
static inline void chiso_catch_sigtstp(int on) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_handler = on ? chiso_on_sigtstp : SIG_DFL;
  sigaction(SIGTSTP, &action, NULL);
}

static inline int chiso_take_sigtstp(void) {
  int was = chiso_sigtstp_flag;
  chiso_sigtstp_flag = 0;
  return was;
}

static inline int chiso_install_signal_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  action.sa_handler = chiso_on_sigint;
  if (sigaction(SIGINT, &action, NULL) != 0) return -1;
  action.sa_handler = chiso_on_sigwinch;
  if (sigaction(SIGWINCH, &action, NULL) != 0) return -1;
  /* SIGTERM and SIGHUP end the session cleanly: the terminal is restored before exiting. */
  action.sa_handler = chiso_on_sigterm;
  if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
  if (sigaction(SIGHUP, &action, NULL) != 0) return -1;
  /* A parent may have started us with signals blocked (some test runners do): unblock the
     ones the REPL relies on. */
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGWINCH);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGHUP);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
  return 0;
}

/* Returns and clears the flag. */
static inline int chiso_take_sigint(void) {
  int was = chiso_sigint_flag;
  chiso_sigint_flag = 0;
  return was;
}

static inline int chiso_terminating(void) { return chiso_sigterm_flag; }

static inline int chiso_take_sigwinch(void) {
  int was = chiso_sigwinch_flag;
  chiso_sigwinch_flag = 0;
  return was;
}

/* Readline's settings and state are C globals, which Swift 6 will not touch directly; these
   accessors are the only way LineEditor reads or writes them. */
static inline void chiso_rl_configure(rl_completion_func_t *attempt, rl_compdisp_func_t *display,
                                      int prompts_to_stderr) {
  rl_readline_name = "chiso";
  /* Do not export LINES/COLUMNS: a pager started later would see stale sizes. */
  rl_change_environment = 0;
  /* The REPL handles SIGINT and SIGWINCH itself. */
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  /* The whole line is one word: the completer decides what it replaces. */
  static char no_breaks[] = "";
  rl_completer_word_break_characters = no_breaks;
  rl_attempted_completion_function = attempt;
  rl_completion_display_matches_hook = display;
  rl_sort_completion_matches = 0;
  if (prompts_to_stderr) rl_outstream = stderr;
  using_history();
  stifle_history(5000);
  rl_initialize();
  /* A second Tab lists the choices when the first could not add anything. Then ~/.inputrc is
     read again, so that the user's own setting wins. */
  rl_variable_bind("show-all-if-unmodified", "on");
  rl_read_init_file(NULL);
}

static inline void chiso_rl_completion_defaults(void) {
  rl_attempted_completion_over = 1;
  rl_completion_append_character = '\0';
  rl_completion_suppress_append = 1;
}

static inline const char *chiso_rl_line_buffer(void) { return rl_line_buffer; }
static inline int chiso_rl_point(void) { return rl_point; }
static inline int chiso_rl_end(void) { return rl_end; }
static inline int chiso_rl_input_fd(void) { return fileno(rl_instream ? rl_instream : stdin); }

/* Ctrl-C at the prompt: forget the typed text and leave readline ready for a new line. */
static inline void chiso_rl_abandon_line(const char *mark) {
  FILE *stream = rl_outstream ? rl_outstream : stdout;
  /* Show ^C after the typed text, as shells do, before readline restores the terminal. */
  rl_point = rl_end;
  rl_redisplay();
  fputs(mark, stream);
  fflush(stream);
  rl_free_line_state();
  rl_callback_sigcleanup();
  rl_replace_line("", 0);
  rl_point = 0;
  rl_end = 0;
  rl_cleanup_after_signal();
  rl_callback_handler_remove();
}

/* Ctrl-Z at the prompt: give the terminal back, stop, and on `fg` take it again and redraw. */
static inline void chiso_rl_suspend(void) {
  FILE *stream = rl_outstream ? rl_outstream : stdout;
  fputs("\n", stream);
  fflush(stream);
  rl_cleanup_after_signal();
  chiso_catch_sigtstp(0);
  raise(SIGTSTP);
  chiso_catch_sigtstp(1);
  rl_reset_after_signal();
  rl_forced_update_display();
}

static inline void chiso_rl_write(const char *text) {
  FILE *stream = rl_outstream ? rl_outstream : stdout;
  fputs(text, stream);
  fflush(stream);
}
