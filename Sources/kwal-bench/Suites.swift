/// The benchmark suites, by name. Each takes its arguments and returns an exit code.
let benchSuites: [String: @Sendable ([String]) -> Int32] = [
  "coding": CodingBench.run,
  "analysis": AnalysisBench.run,
  "agreement": AgreementBench.run,
  "ingest": IngestBench.run,
  "text": TextBench.run,
  "pseudonymise": PseudonymBench.run,
]
