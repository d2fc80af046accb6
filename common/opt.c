/* opt.c - long-option matching for the command lines. */
#include "opt.h"

#include <string.h>

bool
assay_opt_split(const char *arg, char *name, size_t cap, const char **value)
{
    if (arg == NULL || strncmp(arg, "--", 2) != 0 || arg[2] == '\0' ||
        cap == 0) {
        return false;
    }
    const char *eq = strchr(arg + 2, '=');
    size_t n = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(name, arg + 2, n);
    name[n] = '\0';
    *value = eq != NULL ? eq + 1 : NULL;
    return true;
}

int
assay_opt_next(int argc, char *const argv[], int *i, const char *const *flags,
               char *name, size_t cap, const char **value)
{
    if (!assay_opt_split(argv[*i], name, cap, value)) {
        return 0;
    }
    if (*value != NULL) {
        return 1;
    }
    for (size_t k = 0; flags != NULL && flags[k] != NULL; k++) {
        if (strcmp(name, flags[k]) == 0) {
            return 1;
        }
    }
    if (*i + 1 >= argc) {
        return -1;
    }
    *i += 1;
    *value = argv[*i];
    return 1;
}

int
assay_opt_match(int argc, char *const argv[], int *i, const char *name,
                bool has_value, const char **value)
{
    const char *a = argv[*i];
    if (a[0] != '-' || a[1] != '-') {
        return 0;
    }
    size_t n = strlen(name);
    if (strncmp(a + 2, name, n) != 0) {
        return 0;
    }
    const char *rest = a + 2 + n;
    if (!has_value) {
        return *rest == '\0' ? 1 : 0;
    }
    if (*rest == '=') {
        *value = rest + 1;
        return 1;
    }
    if (*rest != '\0') {
        return 0;
    }
    if (*i + 1 >= argc) {
        return -1;
    }
    *i += 1;
    *value = argv[*i];
    return 1;
}
