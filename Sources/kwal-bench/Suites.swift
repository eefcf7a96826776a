/// The benchmark suites, by name. Each takes its arguments and returns an exit code.
let benchSuites: [String: ([String]) -> Int32] = [
  "coding": CodingBench.run
]
