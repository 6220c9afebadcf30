/// The bounds a server keeps, so that no input can exhaust memory or threads.
public struct ServerLimits: Sendable, Equatable {
    /// Requests (or batches) being handled at once; reading pauses while this many are open.
    public var maxInFlight: Int
    /// The longest line accepted, in bytes; a longer one is refused with id null.
    public var maxMessageBytes: Int
    /// The most members a batch may have; a larger batch is refused with one error.
    public var maxBatch: Int

    /// Limits; the defaults are 16 in flight, 1 MiB per line, 100 per batch.
    public init(maxInFlight: Int = 16, maxMessageBytes: Int = 1 << 20, maxBatch: Int = 100) {
        self.maxInFlight = maxInFlight
        self.maxMessageBytes = maxMessageBytes
        self.maxBatch = maxBatch
    }
}
