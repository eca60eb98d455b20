// swift-tools-version:6.0
import PackageDescription

// The layers, lowest first; each target imports only those below it:
//   RecCore    source text, ranges, diagnostics and their messages, the language's operators
//   RecSyntax  lexer, parser, syntax tree, formatter                          (RecCore)
//   RecEngine  store, queries, home pages, evaluation, bandits, models, data   (RecCore, CKernels
//              for the network's inner products, and the codecs Parquet pages are compressed
//              with: CZlib, CSnappy, CZstd, CLZ4)
//   RecOutput  output values, the presenter, table styles, charts, notebooks   (RecEngine)
//   RecKit     the checker and the session that runs checked statements       (all of the above)
//   RecBench   benchmark jobs: statements run through a session               (RecKit, RecOutput)
//   rec        the command line, the REPL, the terminal   (RecKit, RecBench, RecSyntax for rec fmt, CEditLine)
//   RecFuzz    what each fuzz target does with one input   (RecKit and below); the tests replay
//              its corpus, Tests/Fuzz/run.sh runs it under libFuzzer
let package = Package(
  name: "rec",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "rec", targets: ["rec"]),
    .library(name: "RecKit", targets: ["RecKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
    ),
    // `__builtin_prefetch` for the passes over large bandit logs: a header of inline functions.
    .systemLibrary(name: "CPrefetch"),
    // The codecs of Parquet pages, from the system's -dev packages: gzip, snappy, zstd, lz4.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"]), .brew(["snappy"])]),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
    .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]),
    // The network's inner products in C: 256-bit registers where the processor has them, chosen
    // at run time, with the sums in the same order on every path.
    .target(name: "CKernels"),
    .target(name: "RecCore"),
    .target(name: "RecSyntax", dependencies: ["RecCore"]),
    .target(
      name: "RecEngine",
      dependencies: [
        "RecCore", "CPrefetch", "CKernels", "CZlib", "CSnappy", "CZstd", "CLZ4",
        .product(name: "Collections", package: "swift-collections"),
        .product(name: "Numerics", package: "swift-numerics"),
      ]
    ),
    .target(name: "RecOutput", dependencies: ["RecCore", "RecEngine"]),
    .target(
      name: "RecKit",
      dependencies: [
        "RecCore", "RecSyntax", "RecEngine", "RecOutput",
        .product(name: "Collections", package: "swift-collections"),
      ]
    ),
    .target(name: "RecBench", dependencies: ["RecCore", "RecEngine", "RecOutput", "RecKit"]),
    .target(name: "RecFuzz", dependencies: ["RecCore", "RecSyntax", "RecEngine", "RecKit"]),
    .executableTarget(
      name: "rec",
      dependencies: [
        "RecCore", "RecSyntax", "RecEngine", "RecOutput", "RecKit", "RecBench", "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The tests read their fixtures and scripts from the source tree, by path.
    .testTarget(
      name: "RecKitTests",
      dependencies: ["RecCore", "RecSyntax", "RecEngine", "RecOutput", "RecKit", "RecBench", "RecFuzz"],
      exclude: ["Fixtures"]),
    .testTarget(name: "RecCLITests", dependencies: ["rec"], exclude: ["Contract", "Readme", "Scripts"]),
  ],
  swiftLanguageModes: [.v6]
)

// The libFuzzer executable, only when REC_FUZZ=1: Tests/Fuzz/run.sh sets it and builds it with
// `-sanitize=fuzzer,address`. Its one main.swift defines `LLVMFuzzerTestOneInput` for the target
// `REC_FUZZ_TARGET` names and hands the command line to libFuzzer's driver (SwiftPM links an
// executable's own `main`, so libFuzzer's is never used). The driver is in libFuzzer's runtime
// only, so without that flag it would not link: a plain `swift build` or `swift test` does not
// see it.
if Context.environment["REC_FUZZ"] == "1" {
  package.targets.append(.executableTarget(name: "fuzz", dependencies: ["RecFuzz"], path: "Tests/Fuzz/Driver"))
}
