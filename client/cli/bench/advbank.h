/*
 * advbank.h - build the adversarial suite straight from a question bank.
 *
 * Kept apart from adversarial.c so the perturbation logic stays testable
 * without a bank file; this is the only benchkit file that reads the
 * engine's bank loader.
 */
#ifndef ASSAY_BENCH_ADVBANK_H
#define ASSAY_BENCH_ADVBANK_H

#include <stdint.h>

#include "adversarial.h"

/* assay_adv_suite_from_bank loads the bank at path (a model directory
 * holding bank.txt, or the bank file itself) and builds the suite from each
 * question's text and first reference. Bank errors (ASSAY_EIO, ASSAY_EBANK,
 * ASSAY_EUTF8) come with the loader's file and line. */
assay_err assay_adv_suite_from_bank(const char *path, uint64_t seed,
                                    assay_adv_suite **out, assay_error *err);

#endif
