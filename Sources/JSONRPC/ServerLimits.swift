/// The bounds a server keeps, so that no input can exhaust memory or threads.
package struct ServerLimits: Sendable, Equatable {
    /// Requests (batch members and notifications included) running at once.
    package var maxInFlight: Int
    /// The longest line accepted, in bytes; a longer one is refused with id null.
    package var maxMessageBytes: Int
    /// The most members a batch may have; a larger batch is refused with one error.
    package var maxBatch: Int
    /// The most requests read ahead and waiting for a slot or their turn; reading pauses beyond.
    package var maxWaiting: Int
    /// The most bytes of input read ahead and waiting; reading pauses beyond.
    package var maxWaitingBytes: Int

    /// Limits; the defaults are 16 in flight, 1 MiB per line, 100 per batch, and up to 1,024
    /// requests or 16 MiB of input waiting.
    package init(
        maxInFlight: Int = 16, maxMessageBytes: Int = 1 << 20, maxBatch: Int = 100, maxWaiting: Int = 1024,
        maxWaitingBytes: Int = 16 << 20
    ) {
        self.maxInFlight = maxInFlight
        self.maxMessageBytes = maxMessageBytes
        self.maxBatch = maxBatch
        self.maxWaiting = maxWaiting
        self.maxWaitingBytes = maxWaitingBytes
    }
}
