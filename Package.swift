// swift-tools-version:6.1
import PackageDescription

/// Strict settings shared by every Kwal target (see ../shared/STYLE.md, habit 2 and 10).
let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Kwal",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "KwalKit", targets: ["KwalKit"]),
    .executable(name: "kwal", targets: ["kwal"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
  ],
  targets: [
    // System libraries: libxml2 (HTML, XML, XSD) and libstemmer (Snowball).
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]),
    // poppler-glib: the text of PDF files (Debian's libpoppler-glib8), loaded when the first PDF
    // is read; nothing of it is needed to build.
    .target(name: "CPoppler", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
    // Allocator settings for batch runs (glibc's mallopt is not visible from Swift); set by the
    // executables, never by the library.
    .target(name: "CAllocator"),
    // The cores a process may use (its affinity mask: glibc's sched_getaffinity and CPU_COUNT
    // are not visible from Swift); for the modules that start workers.
    .target(name: "CProcess"),

    // The pipeline, top to bottom; every module depends on KwalModel.
    .target(name: "KwalModel", swiftSettings: strict),
    .target(name: "KwalText", dependencies: ["KwalModel", "CStemmer"], swiftSettings: strict),
    // Zip entries read with bounded work (ZIPFoundation underneath), for .docx and .qdpx.
    .target(name: "KwalXML", dependencies: ["CLibXML2"], swiftSettings: strict),
    .target(
      name: "KwalZip", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
      swiftSettings: strict),
    .target(
      name: "KwalIngest",
      dependencies: [
        "KwalModel", "KwalZip", "KwalXML", "CLibXML2", "CPoppler", .product(name: "Yams", package: "Yams"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: strict),
    .target(
      name: "KwalCoding",
      dependencies: [
        "KwalModel", "KwalText", .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict),
    .target(name: "KwalAnalysis", dependencies: ["KwalModel", "CProcess"], swiftSettings: strict),
    // Pseudonymisation: names and identifiers found and replaced (name data in Data/, see SOURCES.md).
    .target(name: "KwalPseudonym", dependencies: ["KwalModel"], exclude: ["SOURCES.md"], swiftSettings: strict),
    .target(
      name: "KwalExport",
      dependencies: [
        "KwalModel", "KwalAnalysis", "KwalZip", "KwalXML", "CLibXML2", "CProcess",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    // The project store (kwal.sqlite in every output folder): runs, codings per run, memos.
    .target(
      name: "KwalStore",
      dependencies: [
        "KwalModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict),
    .target(
      name: "KwalKit",
      dependencies: [
        "KwalModel", "KwalIngest", "KwalText", "KwalCoding", "KwalAnalysis", "KwalExport", "KwalPseudonym",
        "KwalStore", "CProcess",
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "kwal",
      dependencies: [
        "KwalKit", "KwalModel", "CAllocator", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "kwal-bench",
      dependencies: [
        "KwalKit", "KwalText", "KwalModel", "KwalIngest", "KwalCoding", "KwalAnalysis", "KwalExport", "KwalPseudonym",
        "CAllocator",
      ],
      swiftSettings: strict),
    // Fuzz targets: `make fuzz` builds them with libFuzzer; a normal build replays saved inputs.
    .executableTarget(
      name: "kwal-fuzz",
      dependencies: ["KwalModel", "KwalText", "KwalIngest", "KwalCoding", "KwalAnalysis", "KwalExport"],
      swiftSettings: strict),

    // Tests mirror the modules; EndToEndTests run the built `kwal` binary.
    .target(name: "KwalTestSupport", path: "Tests/KwalTestSupport", swiftSettings: strict),
    .testTarget(name: "KwalModelTests", dependencies: ["KwalModel"], swiftSettings: strict),
    .testTarget(
      name: "KwalTextTests", dependencies: ["KwalText", "KwalModel", "KwalTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "KwalIngestTests",
      dependencies: [
        "KwalIngest", "KwalModel", "KwalTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "KwalCodingTests", dependencies: ["KwalCoding", "KwalText", "KwalModel", "KwalTestSupport"],
      swiftSettings: strict),
    .testTarget(name: "KwalPseudonymTests", dependencies: ["KwalPseudonym", "KwalModel"], swiftSettings: strict),
    .testTarget(
      name: "KwalAnalysisTests",
      dependencies: ["KwalAnalysis", "KwalModel", "KwalExport", "KwalTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "KwalExportTests",
      dependencies: [
        "KwalExport", "KwalAnalysis", "KwalModel", "KwalTestSupport", .product(name: "CSV", package: "CSV.swift"),
      ], exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "KwalStoreTests",
      dependencies: ["KwalStore", "KwalModel", "KwalTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict),
    .testTarget(
      name: "KwalKitTests",
      dependencies: [
        "KwalKit", "KwalModel", "KwalIngest", "KwalCoding", "KwalExport", "KwalStore", "KwalTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["kwal", "KwalTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      exclude: ["Golden"], swiftSettings: strict),
    // Hostile input, generated in the tests: each case a failure a red-team pass found.
    .testTarget(
      name: "HostileTests",
      dependencies: ["kwal", "KwalTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      path: "Tests/Hostile", exclude: ["Fixtures"], swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
