#ifndef KWAL_CPROCESS_H
#define KWAL_CPROCESS_H

/// The number of cores this process may run on: the CPUs of its affinity mask on Linux (what
/// `taskset` and a Slurm task's cpuset allow), else the online processors; at least 1.
int kwal_available_cores(void);

#endif
