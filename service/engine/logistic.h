/*
 * logistic.h - the logistic function, shared by the models that use it
 * (contra.c, bandmodel.c) and their fits (service/fit), so a fitted
 * probability and a served one are computed the same way.
 */
#ifndef ASSAY_LOGISTIC_H
#define ASSAY_LOGISTIC_H

#include <math.h>

/* 1 / (1 + e^-z); the two branches keep every step finite for any z. */
static inline double
assay_logistic(double z)
{
    if (z >= 0) {
        return 1.0 / (1.0 + exp(-z));
    }
    double e = exp(z);
    return e / (1.0 + e);
}

#endif
