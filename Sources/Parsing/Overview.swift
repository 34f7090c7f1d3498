// The Parsing room: bytes in, plain-text items out.
//
// Job
//   Turn a fetched document into items that the Mentions and Sentiment rooms can read, and the
//   OPML subscription list into sources. Pure: every entry point takes bytes and a URL (the
//   document's own, for resolving relative links) and returns values; nothing here reads a file,
//   opens a socket or looks at the clock.
//
// Inputs and outputs
//   FeedParser   feed bytes, base URL, HTTP Content-Type -> ParsedFeed (title, link, items,
//                whether it was ill-formed and libxml2's first complaints) or ParseError
//   PageParser   page bytes, base URL, HTTP Content-Type -> ParsedPage (title, text blocks)
//   OPMLParser   OPML bytes, the file's URL -> [Source] or ParseError naming the line
//   Helpers others may reuse: HTMLTextExtractor, LinkNormalizer, ItemIdentity, FeedDateParser.
//
// Rule order for a feed
//   1. Sniff the bytes: skip a UTF-8 byte order mark, whitespace and junk before the first '<';
//      a leading '{' means JSON Feed; nothing at all is an error.
//   2. Pick the encoding: the document's own (byte order mark, UTF-16 pattern, XML declaration)
//      wins; otherwise the HTTP charset is passed to libxml2; with neither, UTF-8.
//   3. Repair what would cost text later: in text meant as UTF-8, stray bytes are read as
//      Windows-1252; entity references become character references and a bare '&' becomes one
//      (libxml2 drops every entity reference after its first error). Each repair is a problem.
//   4. Parse with libxml2's tree parser in recovery mode, without network access and without
//      entity substitution, collecting its structured errors on this thread.
//   5. Dispatch on the root element: rss, rdf:RDF, Atom feed (1.0 or 0.3); an HTML page or any
//      other root is "not a feed".
//   6. For each item: title, link (xml:base and base URL applied, then LinkNormalizer), id,
//      author, date (FeedDateParser), and text (content:encoded / Atom content first, then
//      description / summary / media:description), HTML turned into plain text.
//   7. Decide each item's key with ItemIdentity (id, else link, else content hash) and keep the
//      first item of each key.
//
// Safety
//   libxml2 reads hostile input here. Never XML_PARSE_NOENT (it would expand file:// entities),
//   never XML_PARSE_HUGE (libxml2's own limits stop entity bombs), never xmlNodeGetContent (an
//   entity referenced thousands of times expands to gigabytes): text is gathered from TEXT and
//   CDATA nodes, and entity references are skipped unless they name an HTML character.
//
// Pages and OPML
//   PageParser's rule order (chrome, blocks, paragraphs, keys) is documented on the type.
//   OPMLParser parses without recovery: the subscription list is written by people, so every
//   mistake is an error naming its line rather than a silently skipped source.
