import ArgumentParser
import KwalKit

/// `--with-suggestions` and `--suggestions FILE`: count the learned cues' suggestions beside the
/// codings (they stay marked: their coder ends in `/suggest`).
struct SuggestionOptions: ParsableArguments {
  @Flag(help: "Count the learned cues' suggestions (the folder's suggestions.csv) beside the rule codings.")
  var withSuggestions = false

  @Option(help: "Count the suggestions kept in this file (an edited copy of suggestions.csv with the accepted rows).")
  var suggestions: String?

  @Flag(
    help:
      "Count the reviewed codings: the rule codings not rejected and the suggestions accepted with kwal review.")
  var reviewed = false

  func validate() throws {
    if [withSuggestions, suggestions != nil, reviewed].filter({ $0 }).count > 1 {
      throw ValidationError("give one of --with-suggestions, --suggestions FILE and --reviewed")
    }
  }

  /// The choice, for a request.
  var source: SuggestionSource? {
    if reviewed { return .reviewed }
    if let suggestions { return .file(suggestions) }
    return withSuggestions ? .folder : nil
  }
}
