import Foundation
import RecFuzz

/// libFuzzer's entry: one input of the `datasets` target; a broken property stops the run as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let problems = fuzzDatasets(UnsafeRawBufferPointer(start: data, count: size))
  if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
  return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// SwiftPM links an executable with its module's `main` as the program's, so libFuzzer's own is
// never used: this one hands the command line over to libFuzzer's driver.
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
