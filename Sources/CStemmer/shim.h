#ifndef KWAL_CSTEMMER_SHIM_H
#define KWAL_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
