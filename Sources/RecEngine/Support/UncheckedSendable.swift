/// A value handed to parallel workers that each touch only their own part of it (their own
/// slots of a buffer, their own half of the rows): the one place where that promise is made to
/// the compiler instead of being checked by it.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
