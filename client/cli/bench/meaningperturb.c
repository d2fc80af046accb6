/*
 * meaningperturb.c - role swaps, denials and antonyms for the adversarial
 * suite.
 */
#include "meaningperturb.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "perturb.h"
#include "sbuf.h"

#define MP_MAX (1u << 20)

static bool
is_wordch(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* finds phrase p (len n) in s at or after from, whole words, any case */
static const char *
find_word(const char *s, const char *p, size_t n, const char *from)
{
    for (const char *q = from; *q; q++) {
        if (strncasecmp(q, p, n) == 0 && (q == s || !is_wordch(q[-1])) &&
            !is_wordch(q[n])) {
            return q;
        }
    }
    return NULL;
}

static char *
finish(assay_sbuf *b)
{
    char *out = assay_sbuf_take(b);
    assay_sbuf_fini(b);
    return out;
}

/* whether ref joins x and y as equals somewhere ("x and y", "x or the
 * y", "x, y"): exchanging the two there says the same thing, so a swap of
 * such a reference is no role swap ("Terminal 1 and the positive terminal
 * are connected") */
static bool
coordinated(const char *ref, const char *x, size_t xn, const char *y, size_t yn)
{
    static const char *const joins[] = {" and the ", " or the ", " and ",
                                        " or ",      ", the ",   ", "};
    for (const char *p = ref; (p = find_word(ref, x, xn, p)) != NULL; p += xn) {
        const char *after = p + xn;
        for (size_t j = 0; j < sizeof(joins) / sizeof(joins[0]); j++) {
            size_t jn = strlen(joins[j]);
            if (strncasecmp(after, joins[j], jn) == 0 &&
                find_word(ref, y, yn, after + jn) == after + jn) {
                return true;
            }
        }
    }
    return false;
}

static char *
swap_pair(const char *ref, const char *a, size_t an, const char *b, size_t bn)
{
    /* subjects of fewer than 3 letters ("a", "X") are more often a stray
     * word of the question than a subject */
    char sa[256], sb[256]; /* one inside the other ("terminal", "positive
                              terminal"): exchanging them garbles the text */
    if (an >= sizeof(sa) || bn >= sizeof(sb)) {
        return NULL;
    }
    memcpy(sa, a, an);
    sa[an] = '\0';
    memcpy(sb, b, bn);
    sb[bn] = '\0';
    if (find_word(sa, b, bn, sa) != NULL || find_word(sb, a, an, sb) != NULL) {
        return NULL;
    }
    if (an < 3 || bn < 3 || find_word(ref, a, an, ref) == NULL ||
        find_word(ref, b, bn, ref) == NULL || coordinated(ref, a, an, b, bn) ||
        coordinated(ref, b, bn, a, an)) {
        return NULL;
    }
    assay_sbuf out;
    assay_sbuf_init(&out, MP_MAX);
    const char *p = ref;
    while (*p) {
        const char *x = find_word(ref, a, an, p), *y = find_word(ref, b, bn, p);
        const char *next = x && (!y || x < y) ? x : y;
        if (next == NULL) {
            assay_sbuf_puts(&out, p);
            break;
        }
        assay_sbuf_append(&out, p, (size_t)(next - p));
        if (next == x) {
            assay_sbuf_append(&out, b, bn);
            p = next + an;
        } else {
            assay_sbuf_append(&out, a, an);
            p = next + bn;
        }
    }
    return finish(&out);
}

/* the words on each side of " or " / " and " / " vs " in the question,
 * at most two each, articles dropped */
static bool
question_pair(const char *q, const char **a, size_t *an, const char **b,
              size_t *bn)
{
    static const char *const joiners[] = {" or ", " and ", " vs ", " vs. ",
                                          " versus "};
    for (size_t j = 0; j < sizeof(joiners) / sizeof(joiners[0]); j++) {
        const char *at = strstr(q, joiners[j]);
        if (at == NULL) {
            continue;
        }
        const char *e = at, *s = at;
        int words = 0;
        while (s > q && words < 2) {
            const char *t = s;
            while (t > q && t[-1] == ' ') {
                t--;
            }
            const char *w = t;
            while (w > q && is_wordch(w[-1])) {
                w--;
            }
            if (w == t || strncasecmp(w, "a ", 2) == 0 ||
                strncasecmp(w, "the ", 4) == 0 ||
                strncasecmp(w, "an ", 3) == 0 ||
                strncasecmp(w, "between ", 8) == 0) {
                break;
            }
            s = w;
            words++;
        }
        const char *r = at + strlen(joiners[j]);
        for (int k = 0; k < 3; k++) {
            if (strncasecmp(r, "a ", 2) == 0)
                r += 2;
            else if (strncasecmp(r, "an ", 3) == 0)
                r += 3;
            else if (strncasecmp(r, "the ", 4) == 0)
                r += 4;
        }
        const char *re = r;
        words = 0;
        while (is_wordch(*re) && words < 2) {
            while (is_wordch(*re)) {
                re++;
            }
            words++;
            if (*re == ' ' && is_wordch(re[1]) && words < 2) {
                re++;
            } else {
                break;
            }
        }
        while (re > r && !is_wordch(re[-1])) {
            re--;
        }
        if (s < e && r < re) {
            *a = s;
            *an = (size_t)(e - s);
            *b = r;
            *bn = (size_t)(re - r);
            return true;
        }
    }
    return false;
}

char *
assay_perturb_role_swap(const char *ref, const char *question,
                        const char *const *subjects, size_t nsubjects)
{
    const char *found[2];
    size_t nf = 0;
    for (size_t i = 0; i < nsubjects && nf < 2; i++) {
        if (find_word(ref, subjects[i], strlen(subjects[i]), ref) != NULL) {
            found[nf++] = subjects[i];
        }
    }
    if (nf == 2) {
        return swap_pair(ref, found[0], strlen(found[0]), found[1],
                         strlen(found[1]));
    }
    const char *a, *b;
    size_t an, bn;
    if (question == NULL || !question_pair(question, &a, &an, &b, &bn)) {
        return NULL;
    }
    char *out = swap_pair(ref, a, an, b, bn);
    /* "deep copy" against "shallow copy": try the last word of each side */
    for (int k = 0; out == NULL && k < 2; k++) {
        const char *la = a + an, *lb = b + bn;
        while (k == 0 && la > a && la[-1] != ' ')
            la--;
        while (k == 1 && lb > b && lb[-1] != ' ')
            lb--;
        size_t lan = k == 0 ? (size_t)(a + an - la) : an;
        size_t lbn = k == 1 ? (size_t)(b + bn - lb) : bn;
        out = swap_pair(ref, k == 0 ? la : a, lan, k == 1 ? lb : b, lbn);
    }
    return out;
}

/* one sentence of ref, [s, e), denied in wording k */
static void
deny_sentence(assay_sbuf *b, const char *s, size_t n, size_t k)
{
    static const char *const pre[] = {"It is not true that ",
                                      "It is a myth that ", "",
                                      "It is false that ", ""};
    static const char *const post[] = {"", "", " That is a myth.", "",
                                       " That is simply wrong."};
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' ')) {
        n--;
    }
    assay_sbuf_puts(b, pre[k]);
    if (pre[k][0] != '\0' && n > 1 && isupper((unsigned char)s[0]) &&
        !isupper((unsigned char)s[1])) {
        char c = (char)tolower((unsigned char)s[0]);
        assay_sbuf_append(b, &c, 1);
        assay_sbuf_append(b, s + 1, n - 1);
    } else {
        assay_sbuf_append(b, s, n);
    }
    assay_sbuf_puts(b, ".");
    assay_sbuf_puts(b, post[k]);
}

char *
assay_perturb_denial(const char *ref, uint64_t seed)
{
    /* every sentence is denied, so the answer asserts nothing the
     * reference says */
    size_t k = (size_t)(seed % 5);
    assay_sbuf b;
    assay_sbuf_init(&b, MP_MAX);
    const char *p = ref;
    while (*p) {
        const char *e = strstr(p, ". ");
        size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
        deny_sentence(&b, p, n, k);
        p += n;
        while (*p == ' ') {
            p++;
        }
        if (*p) {
            assay_sbuf_puts(&b, " ");
        }
    }
    return finish(&b);
}

/* how many words of ref stand for WordNet lemma id ("Secrets" and
 * "secret") */
static size_t
lemma_count(const assay_wordnet *wn, const char *ref, uint32_t id)
{
    size_t count = 0;
    const char *p = ref;
    while (*p) {
        while (*p && !isalpha((unsigned char)*p)) {
            p++;
        }
        const char *w = p;
        while (isalpha((unsigned char)*p)) {
            p++;
        }
        size_t n = (size_t)(p - w);
        char low[48];
        if (n == 0 || n >= sizeof(low)) {
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            low[i] = (char)tolower((unsigned char)w[i]);
        }
        uint32_t b[4];
        size_t nb = assay_wordnet_bases(wn, low, n, b, 4);
        for (size_t i = 0; i < nb; i++) {
            if (b[i] == id) {
                count++;
                break;
            }
        }
    }
    return count;
}

char *
assay_perturb_antonym(const assay_wordnet *wn, const char *ref, int negate)
{
    const char *p = ref;
    while (*p) {
        while (*p && !isalpha((unsigned char)*p)) {
            p++;
        }
        const char *w = p;
        while (isalpha((unsigned char)*p)) {
            p++;
        }
        size_t n = (size_t)(p - w);
        /* a capitalised word inside a sentence is a name ("Global
         * Interpreter Lock"), not a property */
        bool name = isupper((unsigned char)w[0]) && w > ref && w[-1] == ' ' &&
                    w - ref >= 2 && w[-2] != '.';
        if (n < 4 || n > 40 || name || is_wordch(*p) ||
            (w > ref && is_wordch(w[-1]))) {
            continue;
        }
        char low[48];
        for (size_t i = 0; i < n; i++) {
            low[i] = (char)tolower((unsigned char)w[i]);
        }
        /* only a word that is itself a lemma: an inflected form would need
         * inflecting the antonym too */
        uint32_t id = assay_wordnet_lookup(wn, low, n);
        const char *lemma = assay_wordnet_lemma(wn, id);
        if (lemma == NULL || strlen(lemma) != n || memcmp(lemma, low, n) != 0) {
            continue;
        }
        if (assay_is_function_word(w, n) || lemma_count(wn, ref, id) > 1) {
            continue; /* "only"; a word said twice stays said once */
        }
        uint32_t ant[8];
        size_t na = assay_wordnet_antonyms(wn, id, ant, 8);
        const char *best = NULL;
        bool named = false;
        for (size_t i = 0; i < na && i < 8; i++) {
            const char *l = assay_wordnet_lemma(wn, ant[i]);
            /* a reference that already names an opposite ("shallow ...
             * deep", "connect ... disconnect") contrasts the two: swapping
             * one would not say the opposite */
            named = named || find_word(ref, l, strlen(l), ref) != NULL;
            if (best == NULL && strchr(l, ' ') == NULL && strlen(l) >= 3) {
                best = l;
            }
        }
        if (named) {
            best = NULL;
        }
        if (best == NULL) {
            continue;
        }
        assay_sbuf b;
        assay_sbuf_init(&b, MP_MAX);
        assay_sbuf_append(&b, ref, (size_t)(w - ref));
        if (negate) {
            assay_sbuf_puts(&b, isupper((unsigned char)w[0]) ? "Not " : "not ");
            assay_sbuf_puts(&b, best);
        } else if (isupper((unsigned char)w[0])) {
            char c = (char)toupper((unsigned char)best[0]);
            assay_sbuf_append(&b, &c, 1);
            assay_sbuf_puts(&b, best + 1);
        } else {
            assay_sbuf_puts(&b, best);
        }
        assay_sbuf_puts(&b, p);
        return finish(&b);
    }
    return NULL;
}
