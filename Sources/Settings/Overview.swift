// Settings: reads `earshot.toml` and the OPML feed lists it names, and turns them into the
// values the rooms take: the school's profile for Mentions, the working calendar and routing
// policy for Workflow, fetch settings for Fetching, the schedule for Scheduling, and where the
// database and reports live.
//
// Every problem stops loading before anything is fetched, with a `ConfigurationError` that names
// the file, the line and what is wrong. Relative paths in the file are read from the folder the
// file is in, so a configuration and its feed lists move together.
//
// It also writes: the starter files of `earshot init` (an example school's, or a named school's
// with the sources its recipes made, `StarterFiles` and `StarterFeedList`), and sources added to or
// taken out of an OPML file as text (`FeedListEditor`), leaving every other byte of the file as it was.
