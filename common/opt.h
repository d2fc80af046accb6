/*
 * opt.h - the one command-line option matcher: "--name", "--name=value"
 * and "--name value", shared by assayd, assay and the perf tools.
 */
#ifndef ASSAY_COMMON_OPT_H
#define ASSAY_COMMON_OPT_H

#include <stdbool.h>
#include <stddef.h>

/* assay_opt_split splits a "--name" or "--name=value" argument: the name
 * goes to name (capacity cap, cut to fit) and *value points past the '='
 * (NULL without one). False when arg does not start with "--" followed by
 * a name. */
bool assay_opt_split(const char *arg, char *name, size_t cap,
                     const char **value);

/* assay_opt_next reads the option at argv[*i] for a parser whose options
 * all take a value except the flags named in flags (NULL-terminated, may be
 * NULL): the name goes to name (capacity cap) and *value is the value,
 * from "--name=value" or the next argument (*i then moves to it), or NULL
 * for a flag. Returns 1, 0 when argv[*i] is not an option, -1 when the
 * value is missing. */
int assay_opt_next(int argc, char *const argv[], int *i,
                   const char *const *flags, char *name, size_t cap,
                   const char **value);

/* assay_opt_match tells whether argv[*i] is the option name. With
 * has_value it takes "--name=value" or "--name value" (then *i moves to the
 * value) and sets *value. Returns 1 when it matched, 0 when argv[*i] is
 * another option or argument, -1 when the value is missing. */
int assay_opt_match(int argc, char *const argv[], int *i, const char *name,
                    bool has_value, const char **value);

#endif
