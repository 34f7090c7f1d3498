/// Timeouts for tests that are not about time. A full parallel test run on a loaded machine can
/// keep a server under test, or the Swift threads it answers on, busy for far longer than a real
/// peer would wait, so these outlast any wait of a test; the tests of a timeout set their own.
extension Duration {
    /// For connecting to a server under test.
    public static let connectPatience = Duration.seconds(120)
    /// For a whole transfer or mail exchange with a server under test.
    public static let transferPatience = Duration.seconds(300)
    /// Read and request timeouts for a server under test, which must outlast a client's patience.
    public static let testRunPatience = Duration.seconds(600)
}
