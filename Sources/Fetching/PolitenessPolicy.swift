/// How considerately Earshot treats each site: spacing between requests, robots.txt, retries.
public struct PolitenessPolicy: Sendable, Hashable {
    /// The least time between two requests to one host (raised by a site's Crawl-delay).
    public var minimumDelayPerHost: Duration
    /// The longest Crawl-delay honoured; a site asking for more gets this.
    public var maximumCrawlDelay: Duration
    /// Whether robots.txt is fetched and obeyed.
    public var obeysRobots: Bool
    /// The product token matched against robots.txt `User-agent` lines.
    public var robotsToken: String
    /// Tries per fetch, the first included, for timeouts, 429 and 5xx answers.
    public var maximumAttempts: Int
    /// The wait before the first retry; each further retry waits twice as long, with jitter.
    public var initialBackoff: Duration
    /// The longest wait within one scan; a longer Retry-After ends the fetch as failed for now.
    public var maximumBackoff: Duration
    /// Redirects followed before giving up.
    public var maximumRedirects: Int

    public init(
        minimumDelayPerHost: Duration = .seconds(1),
        maximumCrawlDelay: Duration = .seconds(30),
        obeysRobots: Bool = true,
        robotsToken: String = "Earshot",
        maximumAttempts: Int = 3,
        initialBackoff: Duration = .seconds(2),
        maximumBackoff: Duration = .seconds(60),
        maximumRedirects: Int = 5
    ) {
        self.minimumDelayPerHost = minimumDelayPerHost
        self.maximumCrawlDelay = maximumCrawlDelay
        self.obeysRobots = obeysRobots
        self.robotsToken = robotsToken
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRedirects = maximumRedirects
    }
}
