import ArgumentParser

// Parse errors, --help and --version go to argument-parser (64, or 0); errors the commands
// throw are exit codes; any other error is a fault in rec itself (70).
do {
  var command = try RecCommand.parseAsRoot()
  try command.run()
} catch {
  if RecCommand.exitCode(for: error) == .failure {
    Terminal.write("rec: internal error: \(error)\n", to: .status)
    RecCommand.exit(withError: ExitCode(70))
  }
  RecCommand.exit(withError: error)
}
