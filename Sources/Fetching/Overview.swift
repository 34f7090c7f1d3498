/// # Fetching
///
/// Gets the bytes of feeds and pages from the internet with libcurl, politely.
///
/// **Owns:** transfers on one libcurl multi handle (`TransferEngine`, `CurlTransfer`), conditional
/// GET, redirects one hop at a time, robots.txt (`RobotsPolicy`), per-host spacing and limits
/// (`HostLedger`, `PolitenessPolicy`), retries with backoff that honour Retry-After
/// (`PoliteFetcher`), and the address guard that keeps a hostile feed from reaching the host or
/// its private network (in `CCurlShims`).
///
/// **Must not:** parse what it fetched (Parsing), decide which sources are due (Scheduling), or
/// store anything (Scanning hands the results to Storage). A failed fetch is a `FetchError`
/// outcome, never a reason to stop the other sources.
enum FetchingOverview {}
