/*
 * keyfile.h - CURVE key files (ZeroMQ RFC 26) for the client library, the
 * `assay keygen` command and assayd.
 *
 * The format is czmq's zcert text form (ZPL), so certificates made with
 * czmq tools and with `assay keygen` are interchangeable:
 *
 *   metadata
 *   curve
 *       public-key = "<40 Z85 characters>"
 *       secret-key = "<40 Z85 characters>"     (secret file only)
 *
 * NAME.key holds both keys and is created with mode 0600; NAME.pub holds the
 * public key only and is what a peer gets. A secret file that group or
 * others may read is refused when loaded, as ssh refuses such a private key:
 * a leaked secret key lets anyone act as its holder.
 *
 * Used by both sides of the wire, so it is a library of its own
 * (`assay_keyfile`) that depends only on libzmq.
 */
#ifndef ASSAY_KEYFILE_H
#define ASSAY_KEYFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#define ASSAY_KEY_Z85_LEN 40
#define ASSAY_KEY_BIN_LEN 32

typedef struct assay_keypair {
    char public_key[ASSAY_KEY_Z85_LEN + 1]; /* Z85, NUL-terminated */
    char secret_key[ASSAY_KEY_Z85_LEN + 1]; /* Z85; "" when absent */
} assay_keypair;

/* assay_keyfile_monitor_event reads one event from a ZMQ socket monitor
 * (zmq_socket_monitor: [uint16 event][uint32 value] then the endpoint)
 * without blocking. The endpoint is copied into addr (cap bytes, may be
 * NULL). False when no well-formed event was waiting. Both sides use it to
 * tell why a CURVE handshake failed. */
bool assay_keyfile_monitor_event(void *mon, uint16_t *event, uint32_t *value,
                                 char *addr, size_t cap);

/* assay_keyfile_curve_available tells whether libzmq was built with CURVE
 * (zmq_has("curve")). */
bool assay_keyfile_curve_available(void);

/* assay_keyfile_load reads the key file at path into *out (untouched on
 * failure). With need_secret the file must hold a secret key; a public key
 * that is present must then match it (it is derived when absent). ASSAY_EIO
 * when the file cannot be read, ASSAY_ECONFIG naming the path (and line)
 * for a malformed file, a missing key, or a secret file readable by group
 * or others. */
assay_err assay_keyfile_load(const char *path, bool need_secret,
                             assay_keypair *out, assay_error *err);

/* assay_keyfile_generate makes a new key pair and writes base.key (both
 * keys, mode 0600) and base.pub (public key, mode 0644). Without force an
 * existing file is an error (ASSAY_EIO naming it) and nothing is written.
 * The pair is stored in *out when out is not NULL. ASSAY_ECONFIG when
 * libzmq lacks CURVE. */
assay_err assay_keyfile_generate(const char *base, bool force,
                                 assay_keypair *out, assay_error *err);

/* assay_keyfile_z85_valid tells whether s is a 40-character Z85 key. */
bool assay_keyfile_z85_valid(const char *s);

/* assay_keyfile_decode turns a valid 40-character Z85 key into its 32
 * bytes; false when s is not one. */
bool assay_keyfile_decode(const char *s, uint8_t out[ASSAY_KEY_BIN_LEN]);

/* assay_keyfile_public_of derives the Z85 public key of a Z85 secret key
 * into public_key (41 bytes); false when secret is not a valid key. */
bool assay_keyfile_public_of(const char *secret,
                             char public_key[ASSAY_KEY_Z85_LEN + 1]);

/* assay_keyfile_wipe overwrites kp (secret material) with zeros. */
void assay_keyfile_wipe(assay_keypair *kp);

#endif
