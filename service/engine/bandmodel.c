/* bandmodel.c - the band from a cumulative logistic model (bandmodel.h). */
#include "bandmodel.h"
#include "logistic.h"

#include <math.h>

int
assay_bandmodel_probs(const assay_bandmodel *bm, const double *f, int nf,
                      double prob[3])
{
    double z[2] = {bm->bias[0], bm->bias[1]};
    for (int k = 0; k < 2; k++) {
        for (int j = 0; j < nf && j < ASSAY_BM_MAXF; j++) {
            z[k] += bm->w[k][j] * f[j];
        }
    }
    double pc = assay_logistic(z[0]), pp = assay_logistic(z[1]);
    if (!(pc >= 0)) { /* NaN features */
        pc = 0;
    }
    if (!(pp >= pc)) {
        pp = pc;
    }
    prob[ASSAY_BM_CORRECT] = pc;
    prob[ASSAY_BM_PARTIAL] = pp - pc;
    prob[ASSAY_BM_INCORRECT] = 1.0 - pp;
    int best = 0;
    for (int b = 1; b < 3; b++) {
        if (prob[b] > prob[best]) {
            best = b;
        }
    }
    return best;
}
