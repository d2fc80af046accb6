/*
 * feedback.c - the verdict's feedback sentences.
 */
#include "feedback.h"

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

/* The feedback sentence being built: what snprintf into a buffer of cap
 * bytes would write, piece by piece (a sentence is literal text and
 * strings; snprintf parsed its format on every verdict for that). len is
 * the whole length, kept past cap as snprintf's return value is. */
typedef struct fb_text {
    char *s;
    size_t cap, len;
} fb_text;

/* Appends t (glibc's "(null)" for NULL, as printf wrote it), cut at
 * cap - 1 bytes in all and NUL-ended. */
static void
fb_add(fb_text *b, const char *t)
{
    if (t == NULL) {
        t = "(null)";
    }
    size_t n = strlen(t);
    if (b->len < b->cap - 1) {
        size_t room = b->cap - 1 - b->len;
        memcpy(b->s + b->len, t, n < room ? n : room);
    }
    b->len += n;
    b->s[b->len < b->cap - 1 ? b->len : b->cap - 1] = '\0';
}

/* fb_add of each string of list, to a NULL. */
static void
fb_say(fb_text *b, const char *const *list)
{
    for (; *list != NULL; list++) {
        fb_add(b, *list);
    }
}

char *
assay_feedback_compose(const assay_verdict *v, const char *answer, size_t len)
{
    char out[1024], q[QUOTE_MAX + 4];
    out[0] = '\0';
    fb_text b = {out, sizeof(out), 0};
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
            fb_say(&b,
                   (const char *const[]){
                       "You said \"", q, "\"; that describes ",
                       contra->subject ? contra->subject : "something else",
                       ", not ",
                       contra->answer_subject ? contra->answer_subject : "this",
                       ".", NULL});
            break;
        case ASSAY_REASON_OTHER_VALUE:
            fb_say(&b, (const char *const[]){"You said \"", q,
                                             "\", but the reference says \"",
                                             contra->claim, "\".", NULL});
            break;
        case ASSAY_REASON_WIDENED: /* not the opposite: said of too much */
        case ASSAY_REASON_NARROWED:
            fb_say(&b, (const char *const[]){"You said \"", q,
                                             "\", but the reference restricts "
                                             "it: \"",
                                             contra->claim, "\".", NULL});
            break;
        case ASSAY_REASON_MISCONCEPTION:
            fb_say(&b, (const char *const[]){
                           "\"", q,
                           "\" is a common misconception; the reference says: "
                           "\"",
                           contra->claim, "\".", NULL});
            break;
        default:
            fb_say(&b, (const char *const[]){
                           "You said \"", q,
                           "\", but the reference says the opposite: \"",
                           contra->claim, "\".", NULL});
            break;
        }
    } else if (v->flags & ASSAY_FLAG(EMPTY)) {
        fb_add(&b, "The answer is empty.");
    } else if (v->flags & ASSAY_FLAG(OFF_TOPIC)) {
        fb_add(&b, "The answer does not address the question.");
    } else if (!correct && nmiss > 0) {
        fb_say(&b, (const char *const[]){"The answer does not cover: \"",
                                         miss[0]->claim, "\".", NULL});
        /* the second only after the whole first, as with snprintf's
         * length before */
        if (nmiss > 1 && b.len > 0 && b.len < sizeof(out)) {
            fb_say(&b, (const char *const[]){" It also misses: \"",
                                             miss[1]->claim, "\".", NULL});
        }
    } else if (correct) {
        fb_add(&b, nsupp > 0 || v->nclaims == 0
                       ? "The answer agrees with the reference."
                       : "The answer covers the key points.");
    } else {
        fb_add(&b, "The answer covers only part of the reference.");
    }
    return strdup(out);
}
