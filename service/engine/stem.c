/*
 * stem.c - a thin owner of one Snowball English stemmer. Words longer than
 * STEM_MAX_WORD are returned unchanged: no English suffix rule needs them,
 * and libstemmer takes an int length.
 */
#include "stem.h"

#include <stdlib.h>

#include <libstemmer.h>

#define STEM_MAX_WORD 256

struct assay_stemmer {
    struct sb_stemmer *sb;
};

assay_err
assay_stemmer_new(assay_stemmer **out)
{
    assay_stemmer *s = malloc(sizeof(*s));
    if (s == NULL) {
        return ASSAY_ENOMEM;
    }
    s->sb = sb_stemmer_new("english", "UTF_8");
    if (s->sb == NULL) {
        free(s);
        return ASSAY_ENOMEM;
    }
    *out = s;
    return ASSAY_OK;
}

void
assay_stemmer_free(assay_stemmer *s)
{
    if (s == NULL) {
        return;
    }
    sb_stemmer_delete(s->sb);
    free(s);
}

const char *
assay_stemmer_stem(assay_stemmer *s, const char *word, size_t len,
                   size_t *out_len)
{
    if (len == 0 || len > STEM_MAX_WORD) {
        *out_len = len;
        return word;
    }
    const sb_symbol *r =
        sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
    if (r == NULL) {
        return NULL;
    }
    *out_len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)r;
}
