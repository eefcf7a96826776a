#ifndef KWAL_CALLOCATOR_H
#define KWAL_CALLOCATOR_H

/// Asks the C library's allocator to keep freed blocks of up to `bytes` for reuse instead of
/// returning them to the system (glibc: `mallopt` thresholds); does nothing elsewhere.
void kwal_keep_freed_memory(int bytes);

#endif
