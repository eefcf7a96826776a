// kwal-bench: Kwal's benchmark harness (`make bench` runs it in release mode).
// Usage: kwal-bench <suite> [arguments]; every suite prints a Markdown section to standard output.
#if canImport(Glibc)
  import Glibc
#endif

import CAllocator

// As `kwal` does for its batch runs (see Sources/kwal/Allocator.swift).
kwal_keep_freed_memory(32 << 20)
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let suite = benchSuites[name] else {
  print("usage: kwal-bench <suite> [arguments]; suites: \(benchSuites.keys.sorted().joined(separator: ", "))")
  exit(64)
}
exit(suite(Array(arguments.dropFirst())))
