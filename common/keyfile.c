/* keyfile.c - zcert-style CURVE key files. */
#include "keyfile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

/* Key files are a few hundred bytes; czmq adds some metadata at most. */
#define KEYFILE_MAX_BYTES 65536
#define KEYFILE_LINE_MAX 1024

static const char z85_alphabet[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    ".-:+=^!/*?&<>()[]{}@%$#";

bool
assay_keyfile_curve_available(void)
{
    return zmq_has("curve") != 0;
}

bool
assay_keyfile_z85_valid(const char *s)
{
    if (s == NULL || strlen(s) != ASSAY_KEY_Z85_LEN) {
        return false;
    }
    for (size_t i = 0; i < ASSAY_KEY_Z85_LEN; i++) {
        if (strchr(z85_alphabet, s[i]) == NULL) {
            return false;
        }
    }
    return true;
}

bool
assay_keyfile_decode(const char *s, uint8_t out[ASSAY_KEY_BIN_LEN])
{
    /* Every 5 Z85 characters decode to 4 bytes; values past 2^32 are not
     * valid, and zmq_z85_decode reports those as NULL. */
    return assay_keyfile_z85_valid(s) && zmq_z85_decode(out, s) != NULL;
}

bool
assay_keyfile_public_of(const char *secret,
                        char public_key[ASSAY_KEY_Z85_LEN + 1])
{
    uint8_t bin[ASSAY_KEY_BIN_LEN];
    if (!assay_keyfile_decode(secret, bin)) {
        return false;
    }
    memset(bin, 0, sizeof(bin));
    return zmq_curve_public(public_key, secret) == 0;
}

void
assay_keyfile_wipe(assay_keypair *kp)
{
    volatile char *p = (volatile char *)kp;
    for (size_t i = 0; i < sizeof(*kp); i++) {
        p[i] = 0;
    }
}

/* Parses `name = value` (value optionally in double or single quotes) from
 * s in place. Returns false when the line has no '='. */
static bool
kf_split(char *s, char **name, char **value)
{
    char *eq = strchr(s, '=');
    if (eq == NULL) {
        return false;
    }
    char *end = eq;
    while (end > s && isspace((unsigned char)end[-1])) {
        end--;
    }
    *end = '\0';
    *name = s;
    char *v = eq + 1;
    while (isspace((unsigned char)*v)) {
        v++;
    }
    if (*v == '"' || *v == '\'') {
        char *close = strchr(v + 1, *v);
        if (close == NULL) {
            return false;
        }
        *close = '\0';
        v++;
    } else {
        size_t n = strcspn(v, "#");
        while (n > 0 && isspace((unsigned char)v[n - 1])) {
            n--;
        }
        v[n] = '\0';
    }
    *value = v;
    return true;
}

static assay_err
kf_take_key(const char *path, unsigned lineno, const char *name,
            const char *value, char *slot, assay_error *err)
{
    if (slot[0] != '\0') {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "key file %s line %u: %s given twice", path,
                               lineno, name);
    }
    uint8_t bin[ASSAY_KEY_BIN_LEN];
    if (!assay_keyfile_decode(value, bin)) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "key file %s line %u: %s is not a "
                               "40-character Z85 key",
                               path, lineno, name);
    }
    memset(bin, 0, sizeof(bin));
    memcpy(slot, value, ASSAY_KEY_Z85_LEN + 1);
    return ASSAY_OK;
}

/* Reads the curve section of an open key file into kp. */
static assay_err
kf_parse(FILE *f, const char *path, assay_keypair *kp, assay_error *err)
{
    char line[KEYFILE_LINE_MAX];
    unsigned lineno = 0;
    size_t total = 0;
    bool in_curve = false;
    assay_err rc = ASSAY_OK;
    while (rc == ASSAY_OK && fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        size_t len = strlen(line);
        total += len;
        if (total > KEYFILE_MAX_BYTES) {
            return assay_error_set(err, ASSAY_ECONFIG,
                                   "key file %s: larger than %d bytes", path,
                                   KEYFILE_MAX_BYTES);
        }
        if (len == sizeof(line) - 1 && line[len - 1] != '\n' && !feof(f)) {
            return assay_error_set(err, ASSAY_ECONFIG,
                                   "key file %s line %u: longer than %d "
                                   "bytes",
                                   path, lineno, KEYFILE_LINE_MAX - 2);
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
            line[--len] = '\0';
        }
        char *s = line;
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        if (*s == '\0' || *s == '#') {
            continue;
        }
        if (s == line) { /* no indent: a section (or a top-level setting) */
            in_curve = strcmp(s, "curve") == 0;
            continue;
        }
        char *name, *value;
        if (!in_curve || !kf_split(s, &name, &value)) {
            continue;
        }
        if (strcmp(name, "public-key") == 0) {
            rc = kf_take_key(path, lineno, name, value, kp->public_key, err);
        } else if (strcmp(name, "secret-key") == 0) {
            rc = kf_take_key(path, lineno, name, value, kp->secret_key, err);
        }
    }
    memset(line, 0, sizeof(line));
    if (rc == ASSAY_OK && ferror(f)) {
        rc = assay_error_set(err, ASSAY_EIO, "key file %s: read error", path);
    }
    return rc;
}

assay_err
assay_keyfile_load(const char *path, bool need_secret, assay_keypair *out,
                   assay_error *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return assay_error_set(err, ASSAY_EIO, "key file %s: %s", path,
                               strerror(errno));
    }
    assay_keypair kp;
    memset(&kp, 0, sizeof(kp));
    struct stat st;
    assay_err rc = ASSAY_OK;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = assay_error_set(err, ASSAY_ECONFIG,
                             "key file %s: not a regular file", path);
        goto out;
    }
    rc = kf_parse(f, path, &kp, err);
    if (rc != ASSAY_OK) {
        goto out;
    }
    if (kp.secret_key[0] != '\0') {
        if ((st.st_mode & 077) != 0) {
            rc = assay_error_set(err, ASSAY_ECONFIG,
                                 "key file %s: holds a secret key but group "
                                 "or others may access it (mode %04o); run "
                                 "chmod 600 %s",
                                 path, (unsigned)(st.st_mode & 07777), path);
            goto out;
        }
        char derived[ASSAY_KEY_Z85_LEN + 1];
        if (!assay_keyfile_public_of(kp.secret_key, derived)) {
            rc = assay_error_set(err, ASSAY_ECONFIG,
                                 "key file %s: cannot derive the public key "
                                 "(libzmq without CURVE?)",
                                 path);
            goto out;
        }
        if (kp.public_key[0] == '\0') {
            memcpy(kp.public_key, derived, sizeof(derived));
        } else if (strcmp(kp.public_key, derived) != 0) {
            rc = assay_error_set(err, ASSAY_ECONFIG,
                                 "key file %s: public-key does not belong to "
                                 "secret-key",
                                 path);
            goto out;
        }
    } else if (need_secret) {
        rc = assay_error_set(err, ASSAY_ECONFIG,
                             "key file %s: no secret-key in a \"curve\" "
                             "section (a .pub file? give the NAME.key file)",
                             path);
        goto out;
    }
    if (kp.public_key[0] == '\0') {
        rc = assay_error_set(err, ASSAY_ECONFIG,
                             "key file %s: no public-key in a \"curve\" "
                             "section",
                             path);
        goto out;
    }
    *out = kp;
out:
    assay_keyfile_wipe(&kp);
    fclose(f);
    return rc;
}

static int
kf_open(const char *path, bool force, mode_t mode)
{
    int flags = O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL);
    int fd = open(path, flags, mode);
    /* umask may only narrow the mode; an overwritten file keeps its old
     * mode, so set it explicitly. */
    if (fd >= 0 && fchmod(fd, mode) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static assay_err
kf_write(int fd, const char *path, const assay_keypair *kp, bool secret,
         assay_error *err)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    char text[1024];
    int n = snprintf(
        text, sizeof(text),
        "#   CURVE %s key, made by assay keygen at %s\n"
        "%s"
        "\n"
        "metadata\n"
        "curve\n"
        "    public-key = \"%s\"\n"
        "%s%s%s",
        secret ? "secret" : "public", stamp,
        secret ? "#   Keep it private: mode 0600, never copy it to a peer.\n"
               : "#   Give this file to the peers that must accept you.\n",
        kp->public_key, secret ? "    secret-key = \"" : "",
        secret ? kp->secret_key : "", secret ? "\"\n" : "");
    assay_err rc = ASSAY_OK;
    if (n < 0 || (size_t)n >= sizeof(text) ||
        write(fd, text, (size_t)n) != (ssize_t)n) {
        rc = assay_error_set(err, ASSAY_EIO, "key file %s: write failed: %s",
                             path, strerror(errno));
    }
    memset(text, 0, sizeof(text));
    if (close(fd) != 0 && rc == ASSAY_OK) {
        rc = assay_error_set(err, ASSAY_EIO, "key file %s: %s", path,
                             strerror(errno));
    }
    return rc;
}

assay_err
assay_keyfile_generate(const char *base, bool force, assay_keypair *out,
                       assay_error *err)
{
    if (!assay_keyfile_curve_available()) {
        return assay_error_set(err, ASSAY_ECONFIG,
                               "keygen: this libzmq was built without CURVE "
                               "support");
    }
    if (base == NULL || base[0] == '\0') {
        return assay_error_set(err, ASSAY_EINVAL, "keygen: empty name");
    }
    size_t blen = strlen(base);
    char *key_path = malloc(blen + 5);
    char *pub_path = malloc(blen + 5);
    assay_keypair kp;
    memset(&kp, 0, sizeof(kp));
    assay_err rc = ASSAY_OK;
    int kfd = -1, pfd = -1;
    if (key_path == NULL || pub_path == NULL) {
        rc = assay_error_set(err, ASSAY_ENOMEM, "keygen: out of memory");
        goto out;
    }
    memcpy(key_path, base, blen);
    memcpy(key_path + blen, ".key", 5);
    memcpy(pub_path, base, blen);
    memcpy(pub_path + blen, ".pub", 5);
    if (zmq_curve_keypair(kp.public_key, kp.secret_key) != 0) {
        rc = assay_error_set(err, ASSAY_ECONFIG, "keygen: %s",
                             zmq_strerror(zmq_errno()));
        goto out;
    }
    kfd = kf_open(key_path, force, 0600);
    if (kfd < 0) {
        rc = assay_error_set(
            err, ASSAY_EIO, "key file %s: %s%s", key_path, strerror(errno),
            errno == EEXIST ? " (use --force to replace)" : "");
        goto out;
    }
    pfd = kf_open(pub_path, force, 0644);
    if (pfd < 0) {
        rc = assay_error_set(
            err, ASSAY_EIO, "key file %s: %s%s", pub_path, strerror(errno),
            errno == EEXIST ? " (use --force to replace)" : "");
        close(kfd);
        kfd = -1;
        unlink(key_path);
        goto out;
    }
    rc = kf_write(kfd, key_path, &kp, true, err);
    kfd = -1;
    assay_err prc = kf_write(pfd, pub_path, &kp, false, err);
    pfd = -1;
    if (rc == ASSAY_OK) {
        rc = prc;
    }
    if (rc != ASSAY_OK) {
        unlink(key_path);
        unlink(pub_path);
        goto out;
    }
    if (out != NULL) {
        *out = kp;
    }
out:
    assay_keyfile_wipe(&kp);
    free(key_path);
    free(pub_path);
    return rc;
}

bool
assay_keyfile_monitor_event(void *mon, uint16_t *event, uint32_t *value,
                            char *addr, size_t cap)
{
    zmq_msg_t ev, where;
    zmq_msg_init(&ev);
    zmq_msg_init(&where);
    bool ok = false;
    if (zmq_msg_recv(&ev, mon, ZMQ_DONTWAIT) < 0) {
        goto out;
    }
    if (zmq_msg_more(&ev)) {
        zmq_msg_recv(&where, mon, 0);
    }
    if (zmq_msg_size(&ev) != 6) {
        goto out;
    }
    memcpy(event, zmq_msg_data(&ev), 2);
    memcpy(value, (const char *)zmq_msg_data(&ev) + 2, 4);
    if (addr != NULL && cap > 0) {
        size_t n =
            zmq_msg_size(&where) < cap - 1 ? zmq_msg_size(&where) : cap - 1;
        memcpy(addr, zmq_msg_data(&where), n);
        addr[n] = '\0';
    }
    ok = true;
out:
    zmq_msg_close(&ev);
    zmq_msg_close(&where);
    return ok;
}
