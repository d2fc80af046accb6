/*
 * print_verdict.h - reading a grade reply for people: the readable verdict of
 * `assay grade` and the label lists of `assay batch --format csv`.
 *
 * The verdict's "concepts" is read as an object of lists (matched, missing,
 * fuzzy, negated, misconceptions) whose items are label strings or objects
 * with a "label"; an array of objects with a "status" is accepted too, so
 * the printer survives small changes to the engine's JSON.
 */
#ifndef ASSAY_CLI_VERDICT_H
#define ASSAY_CLI_VERDICT_H

#include <stdio.h>

#include <jansson.h>

/* assay_cli_labels joins the labels of concept list kind ("matched") with
 * sep; "" when there are none. Caller free()s; NULL on out of memory. */
char *assay_cli_labels(const json_t *reply, const char *kind, const char *sep);

/* assay_cli_matched joins the matched concepts, then those matched by a
 * near spelling (marked " ~fuzzy") and those mentioned but negated (marked
 * " !negated"), with sep. Caller free()s; NULL when out of memory. */
char *assay_cli_matched(const json_t *reply, const char *sep);

/* assay_cli_flags joins the verdict's flags with sep. Caller free()s. */
char *assay_cli_flags(const json_t *reply, const char *sep);

/* assay_cli_print_verdict writes the readable verdict of a grade reply. */
void assay_cli_print_verdict(FILE *out, const json_t *reply);

#endif
