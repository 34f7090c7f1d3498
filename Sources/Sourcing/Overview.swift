/// # Sourcing
///
/// Setting sources up: finding what the school's own website offers to read, and reading a new
/// source once before it is relied on.
///
/// **Owns:** `SiteDiscovery` (the home page's advertised feeds, else a feed at a common path,
/// else the news page, else the home page itself, each step noted for the person running
/// `earshot init`) and `SourceTrial` (one fetch of a source, parsed as a scan would parse it, with
/// the items that mention the school counted).
///
/// **Must not:** store anything or open cases (a trial changes nothing), or decide what a recipe's
/// address is (`Recipes`). Fetches go through the polite fetcher it is given, so robots.txt and
/// per-host spacing hold here as in a scan; a site that cannot be reached is an outcome to report.
enum SourcingOverview {}
