// consumer_cxx.cpp - the public headers from C++: extern "C" linkage.
#include <assay/client.h>
#include <assay/engine.h>

#include <cstdio>
#include <cstring>

int
main()
{
    std::printf("%s %s\n", assay_version(), assay_errname(ASSAY_EQUESTION));
    return std::strcmp(assay_version(), ASSAY_VERSION_STRING) == 0 ? 0 : 1;
}
