internal import CProcess

/// The cores this process may run on: the CPUs its affinity mask allows (`taskset`, the CPUs of
/// a Slurm task), not every core of the machine, which Foundation's `activeProcessorCount`
/// counts on Linux. A Slurm task given 4 of a node's 64 cores starts 4 workers, not 64. The
/// default of `--jobs`, and the most workers a run starts.
public enum AvailableCores {
  public static let count = Int(kwal_available_cores())
}
