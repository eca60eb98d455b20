#ifndef REC_CEDITLINE_SHIM_H
#define REC_CEDITLINE_SHIM_H

#include <stdio.h>
#include <histedit.h>
#include <editline/readline.h>

// Swift 6 refuses direct assignment to libedit's global C variables (they are not
// concurrency-safe), and cannot call the variadic el_set/history; these wrappers
// give each use a plain C signature.

typedef char *(*rec_completion_generator)(const char *, int);

typedef char **(*rec_completion_function)(const char *, int, int);

static inline void rec_set_completion_function(rec_completion_function f) {
  rl_attempted_completion_function = (rl_completion_func_t *)f;
}

static inline char **rec_completion_matches(const char *text, rec_completion_generator f) {
  return rl_completion_matches(text, (rl_compentry_func_t *)f);
}

static inline void rec_set_attempted_completion_over(int over) {
  rl_attempted_completion_over = over;
}

static inline void rec_set_completion_append_character(int c) {
  rl_completion_append_character = c;
}

static inline void rec_set_word_break_characters(const char *chars) {
  rl_basic_word_break_characters = (char *)chars;
}

static inline void rec_set_catch_signals(int on) {
  rl_catch_signals = on;
}

static inline const char *rec_line_buffer(void) {
  return rl_line_buffer;
}

static inline int rec_point(void) {
  return rl_point;
}

static inline void rec_set_readline_name(const char *name) {
  rl_readline_name = (char *)name;
}

typedef int (*rec_getc_function)(FILE *);

static inline void rec_set_getc_function(rec_getc_function f) {
  rl_getc_function = f;
}

static inline int rec_history_length(void) {
  return history_length;
}

static inline int rec_history_base(void) {
  return history_base;
}

#endif
