/* wordnetpack.c - `assay wordnet pack`: parse wordnet-base once, at fit time,
 * and write the packed table a model names as "wordnet" (wnpack.c). */
#include "assay/fit.h"
#include "wordnet.h"

assay_err
assay_wordnet_pack(const char *out_path, assay_error *err)
{
    assay_wordnet *wn = NULL;
    assay_err rc = assay_wordnet_load(assay_wordnet_dir(), &wn, err);
    if (rc == ASSAY_OK) {
        rc = assay_wordnet_write(wn, out_path, err);
    }
    assay_wordnet_free(wn);
    return rc;
}
