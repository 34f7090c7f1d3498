/// # Model
///
/// The value types that cross rooms: sources and their fetch state, items, mentions, sentiment
/// scores, concerns and their assessments, findings, case triage, case summaries and joins, roles,
/// and the text rules every room that shows internet text shares (`MarkupText`,
/// `DirectionControls`, `TextLimits`, `AddressRedaction`, `InvisibleCharacters`).
///
/// **Must not:** hold a room's logic (a type used by one room lives in that room), do I/O, or
/// depend on anything but the standard library and Foundation.
enum ModelOverview {}
