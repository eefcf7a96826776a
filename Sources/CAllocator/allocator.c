#include "CAllocator.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void kwal_keep_freed_memory(int bytes) {
#if defined(__GLIBC__)
  // Blocks below the mmap threshold come from the heap; the top of the heap is given back only
  // beyond sixteen times it.
  mallopt(M_MMAP_THRESHOLD, bytes);
  mallopt(M_TRIM_THRESHOLD, 16 * bytes);
#else
  (void)bytes;
#endif
}
