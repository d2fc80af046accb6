/*
 * feedback.c - the verdict's feedback sentences.
 */
#include "feedback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUOTE_MAX 100

/* Copies answer[start, end) into buf as a bounded, printable quote. */
static const char *
quote(char *buf, size_t cap, const char *answer, size_t len, size_t start,
      size_t end)
{
    if (end > len) {
        end = len;
    }
    if (start > end) {
        start = end;
    }
    size_t n = end - start, max = cap - 4;
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)answer[start + n] & 0xC0) == 0x80) {
            n--;
        }
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)answer[start + i];
        buf[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    memcpy(buf + n, cut ? "..." : "", cut ? 4 : 1);
    return buf;
}

char *
assay_feedback_compose(const assay_verdict *v, const char *answer, size_t len)
{
    char out[1024], q[QUOTE_MAX + 4];
    out[0] = '\0';
    const assay_claim_verdict *contra = NULL, *miss[2] = {NULL, NULL};
    size_t nmiss = 0, nsupp = 0;
    for (size_t i = 0; i < v->nclaims; i++) {
        const assay_claim_verdict *c = &v->claims[i];
        if (c->state == ASSAY_CLAIM_CONTRADICTED && contra == NULL) {
            contra = c;
        } else if (c->state == ASSAY_CLAIM_MISSING && nmiss < 2 &&
                   strlen(c->claim) > 3) {
            miss[nmiss++] = c;
        }
        nsupp += c->state == ASSAY_CLAIM_SUPPORTED;
    }
    bool correct = strcmp(v->band, "correct") == 0;
    if (contra != NULL) {
        quote(q, sizeof(q), answer, len, contra->start, contra->end);
        switch (contra->reason) {
        case ASSAY_REASON_ROLE_SWAP:
            snprintf(out, sizeof(out),
                     "You said \"%s\"; that describes %s, not %s.", q,
                     contra->subject ? contra->subject : "something else",
                     contra->answer_subject ? contra->answer_subject : "this");
            break;
        case ASSAY_REASON_OTHER_VALUE:
            snprintf(out, sizeof(out),
                     "You said \"%s\", but the reference says \"%s\".", q,
                     contra->claim);
            break;
        case ASSAY_REASON_MISCONCEPTION:
            snprintf(out, sizeof(out),
                     "\"%s\" is a common misconception; the reference says: "
                     "\"%s\".",
                     q, contra->claim);
            break;
        default:
            snprintf(out, sizeof(out),
                     "You said \"%s\", but the reference says the opposite: "
                     "\"%s\".",
                     q, contra->claim);
            break;
        }
    } else if (v->flags & ASSAY_FLAG(EMPTY)) {
        snprintf(out, sizeof(out), "The answer is empty.");
    } else if (v->flags & ASSAY_FLAG(OFF_TOPIC)) {
        snprintf(out, sizeof(out), "The answer does not address the question.");
    } else if (!correct && nmiss > 0) {
        int k = snprintf(out, sizeof(out), "The answer does not cover: \"%s\".",
                         miss[0]->claim);
        if (nmiss > 1 && k > 0 && (size_t)k < sizeof(out)) {
            snprintf(out + k, sizeof(out) - (size_t)k,
                     " It also misses: \"%s\".", miss[1]->claim);
        }
    } else if (correct) {
        snprintf(out, sizeof(out),
                 nsupp > 0 || v->nclaims == 0
                     ? "The answer agrees with the reference."
                     : "The answer covers the key points.");
    } else {
        snprintf(out, sizeof(out),
                 "The answer covers only part of the reference.");
    }
    return strdup(out);
}
