import KwalModel
import Testing

/// ASCII case folding on bytes (the structure rules' words, plain words' normal forms).
@Suite("ASCII lower case")
struct ASCIILowercaseTests {
  @Test func onlyASCIICapitalsChange() {
    #expect("NOTULEN Vergadering".asciiLowercased == "notulen vergadering")
    #expect("CAFÉ Één".asciiLowercased == "cafÉ Één")
    #expect("al klein".asciiLowercased == "al klein")
    #expect("".asciiLowercased == "")
    #expect("Aanwezig: Jan".dropFirst(0).asciiLowercased == "aanwezig: jan")
  }
}
