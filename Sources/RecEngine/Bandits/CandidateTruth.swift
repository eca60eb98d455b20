/// The true take probability of each candidate of a request, for a log whose world is known (the
/// demo's): `(member, title, candidates, into)` writes one probability per candidate. Simulations
/// draw their rewards from it; estimates print the true value of a policy beside their own.
/// Called from several threads.
package typealias CandidateTruth = (Int, Int, UnsafeBufferPointer<Int32>, UnsafeMutableBufferPointer<Double>) -> Void
