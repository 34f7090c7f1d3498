/// # Notifications
///
/// Tells people what the policy says they must hear: the day's digest to the senior leadership
/// team, and an alert to a case's owner role the moment routing asks for one.
///
/// **Owns:** composing the alert emails, sending digests and alerts through `Mailing`, and the
/// record in `Storage` of what was sent or why it failed, so that each digest and each alert goes
/// out once, and one that failed is retried on the next run.
///
/// **Must not:** decide who is alerted or when (routing, in `Workflow`, decided that when the case
/// was opened), print or exit (the command line reports the `DigestSendReport` and maps
/// `NotificationError` to exit codes), or touch a store it was not given.
enum NotificationsOverview {}
