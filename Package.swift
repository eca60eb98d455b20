// swift-tools-version:6.0
import PackageDescription

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
    .target(
      name: "RecKit",
      dependencies: [
        "CPrefetch",
        .product(name: "Collections", package: "swift-collections"),
        .product(name: "Numerics", package: "swift-numerics"),
      ]
    ),
    .executableTarget(
      name: "rec",
      dependencies: [
        "RecKit", "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The tests read their fixtures and scripts from the source tree, by path.
    .testTarget(name: "RecKitTests", dependencies: ["RecKit"], exclude: ["Fixtures"]),
    .testTarget(name: "RecCLITests", dependencies: ["rec"], exclude: ["Contract", "Scripts"]),
  ],
  swiftLanguageModes: [.v6]
)
