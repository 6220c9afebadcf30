import Testing

/// Every end-to-end suite, nested here: they spawn real processes (the plugin, the simulator) and
/// measure how long things take, so they run one at a time even under a parallel `swift test`,
/// while the unit tests run beside them. Each suite is declared in an extension, one file per feature.
@Suite(.serialized)
enum EndToEndTests {}
