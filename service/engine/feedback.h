/*
 * feedback.h - one or two plain sentences a candidate can read: the first
 * contradiction (quoting what the answer said and what the reference says),
 * or the reference points the answer misses, or a short confirmation.
 * Built from the verdict's claim judgements, so it says nothing the verdict
 * does not show; deterministic like the rest of the verdict.
 */
#ifndef ASSAY_FEEDBACK_H
#define ASSAY_FEEDBACK_H

#include <stddef.h>

#include "verdict.h"

/* assay_feedback_compose returns a new NUL-terminated string (caller frees)
 * for verdict v of answer (len bytes, the text v was graded on). Quotes of
 * the answer are cut to about 100 bytes on a UTF-8 boundary, control
 * characters replaced by spaces. NULL only when out of memory. */
char *assay_feedback_compose(const assay_verdict *v, const char *answer,
                             size_t len);

#endif
