import RecCore
import Synchronization

/// Per-thread working memory for building pages: buffers sized by the catalog that would
/// otherwise be allocated and cleared for every member. Marks carry a generation stamp, so
/// starting a new page or comparison costs one increment instead of a clear.
///
/// One thread uses a scratch at a time: `ScratchPool` hands each out to one page build.
final class PageScratch: @unchecked Sendable {
  /// The member view's arrays, cleared after each member (only the entries it touched).
  var view: MemberView.Buffers?
  /// `used[t] == page`: title t is on the page being built.
  private var used: [UInt32]
  private var page: UInt32 = 0
  /// `marked[x] == mark`: x (a title or a genre) is in the row last placed.
  private var marked: [UInt32]
  private var mark: UInt32 = 0
  /// Release freshness of each title for the day in `freshnessDay`.
  private var freshness: [Double]
  private var freshnessDay: [Int]
  /// Per-genre counts for `commonestGenre`, zero between calls.
  private var genreCounts: [Int]
  /// The titles a row would show at the current stage.
  private(set) var visible: [Int32] = []

  init(titles: Int, genres: Int) {
    used = [UInt32](repeating: 0, count: titles)
    marked = [UInt32](repeating: 0, count: max(titles, genres))
    freshness = [Double](repeating: 0, count: titles)
    freshnessDay = [Int](repeating: Int.min, count: titles)
    genreCounts = [Int](repeating: 0, count: genres)
  }

  /// Starts a page: no title is used.
  func startPage() {
    page &+= 1
    if page == 0 {
      for i in used.indices { used[i] = 0 }
      page = 1
    }
  }

  func isUsed(_ t: Int32) -> Bool { used[Int(t)] == page }

  func use(_ t: Int32) { used[Int(t)] = page }

  /// Fills `visible` with the first `columns` of `titles`, skipping used ones when `unique`.
  func fillVisible(_ titles: [Int32], columns: Int, unique: Bool) {
    visible.removeAll(keepingCapacity: true)
    for t in titles where !(unique && used[Int(t)] == page) {
      visible.append(t)
      if visible.count == columns { break }
    }
  }

  /// Remembers `items` (titles or genre codes, without repeats) for `jaccardToMarked`.
  func markRow<C: Collection<Int32>>(_ items: C) {
    mark &+= 1
    if mark == 0 {
      for i in marked.indices { marked[i] = 0 }
      mark = 1
    }
    for x in items { marked[Int(x)] = mark }
  }

  /// `jaccard(items, marked row)`: the same value, counted with the marks.
  func jaccardToMarked<C: Collection<Int32>>(_ items: C, markedCount: Int) -> Double {
    var shared = 0
    for x in items where marked[Int(x)] == mark { shared += 1 }
    let union = items.count + markedCount - shared
    return union == 0 ? 0 : Double(shared) / Double(union)
  }

  /// `RowFeatures.releaseFreshness` of title t for a member whose "now" is `now`, computed
  /// once per title and day.
  func releaseFreshness(_ t: Int, now: Int, index: HistoryIndex) -> Double {
    let day = now / 86400
    if freshnessDay[t] != day {
      freshness[t] = RowFeatures.releaseFreshness(released: index.released[t], now: now)
      freshnessDay[t] = day
    }
    return freshness[t]
  }

  /// The genre most of `titles` carry, ties by genre name; nil when they have none.
  func commonestGenre<C: Collection<Int32>>(_ titles: C, index: HistoryIndex) -> Int32? {
    // One access to the counts for the whole call, not one checked access per genre.
    genreCounts.withUnsafeMutableBufferPointer { counts in
      var best: Int32?
      for t in titles { for g in index.genres(of: Int(t)) { counts[Int(g)] += 1 } }
      for t in titles {
        for g in index.genres(of: Int(t)) where counts[Int(g)] > 0 {
          if let b = best {
            let (cb, cg) = (counts[Int(b)], counts[Int(g)])
            if cb > cg || (cb == cg && index.genreNames[Int(b)] <= index.genreNames[Int(g)]) { continue }
          }
          best = g
        }
      }
      for t in titles { for g in index.genres(of: Int(t)) { counts[Int(g)] = 0 } }
      return best
    }
  }
}

/// Scratches for the threads building pages at once: a build takes one (or makes one) and
/// gives it back, so each thread keeps reusing the same memory.
final class ScratchPool: Sendable {
  private let free = Mutex<[PageScratch]>([])
  private let titles: Int
  private let genres: Int

  init(titles: Int, genres: Int) {
    self.titles = titles
    self.genres = genres
  }

  func use<T>(_ body: (PageScratch) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
    let scratch = free.withLock { $0.popLast() } ?? PageScratch(titles: titles, genres: genres)
    defer { free.withLock { $0.append(scratch) } }
    return try body(scratch)
  }
}
