import Foundation
import RecFuzz

/// The target this run fuzzes, named by `REC_FUZZ_TARGET` (`program`, `format`, `table`,
/// `datasets`): set once, before libFuzzer's driver starts calling `fuzzOneInput`.
nonisolated(unsafe) var target: (@Sendable (UnsafeRawBufferPointer) -> [String])?

/// libFuzzer's entry: one input of the target; a broken property stops the run as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let target else { return 0 }
  let problems = target(UnsafeRawBufferPointer(start: data, count: size))
  if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
  return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let name = ProcessInfo.processInfo.environment["REC_FUZZ_TARGET"] ?? ""
guard let chosen = fuzzTargets[name] else {
  FileHandle.standardError.write(
    Data("REC_FUZZ_TARGET must name one of: \(fuzzTargets.keys.sorted().joined(separator: ", "))\n".utf8))
  exit(64)
}
target = chosen
// SwiftPM links an executable with its module's `main` as the program's, so libFuzzer's own is
// never used: this one hands the command line over to libFuzzer's driver.
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
