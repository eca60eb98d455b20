#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the process has used so far — CPU time, memory, age — for the benchmarks' reports.
public enum ProcessUsage {
  /// The process's peak resident set, in MiB.
  public static func peakResidentMiB() -> Double { Double(usage().ru_maxrss) / 1024 }

  /// CPU seconds the process has used so far, every thread, in user and system mode.
  public static func cpuSeconds() -> (user: Double, system: Double) {
    let u = usage()
    return (seconds(u.ru_utime), seconds(u.ru_stime))
  }

  /// The process's resident set now, in MiB (Linux; 0 elsewhere).
  static func residentMiB() -> Double {
    let fields = procFile("/proc/self/statm").split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
  }

  /// Seconds since the process started (Linux; 0 elsewhere), to 1/100 s.
  static func processSeconds() -> Double {
    let stat = procFile("/proc/self/stat")
    guard let close = stat.lastIndex(of: ")"),
      let uptime = Double(procFile("/proc/uptime").split(separator: " ").first ?? "")
    else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]) else { return 0 }
    return max(0, uptime - ticks / Double(sysconf(Int32(_SC_CLK_TCK))))
  }

  private static func procFile(_ path: String) -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = read(fd, &buffer, buffer.count)
    return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
  }

  private static func usage() -> rusage {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage
  }

  private static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
}
