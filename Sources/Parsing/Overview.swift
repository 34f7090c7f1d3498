// The Parsing room: bytes in, plain-text items out.
//
// Job
//   Turn a fetched document into items that the Mentions and Sentiment rooms can read, and the
//   OPML subscription list into sources. Pure: every entry point takes bytes and a URL (the
//   document's own, for resolving relative links) and returns values; nothing here reads a file,
//   opens a socket or looks at the clock.
//
// Inputs and outputs
//   FeedParser   feed bytes, base URL, HTTP Content-Type -> ParsedFeed (title, link, items, the
//                encoding read, whether it was ill-formed and libxml2's first complaints; with
//                keepsItemDetails, each item's summary, content and two dates apart) or ParseError
//   PageParser   page bytes, base URL, HTTP Content-Type -> ParsedPage (title, text blocks)
//   OPMLParser   OPML bytes, the file's URL -> [Source] or ParseError naming the line
//   DocumentParser  a document as a feed or as a page; or a batch of them on several threads,
//                its bytes read by a loader the caller supplies -> each outcome, in order
//   Helpers others may reuse: HTMLTextExtractor, LinkNormalizer, ItemIdentity, FeedDateParser.
//
// Rule order for a feed
//   1. Sniff the bytes: skip a UTF-8 byte order mark, whitespace and junk before the first '<';
//      a leading '{' means JSON Feed; nothing at all is an error. UTF-16 and UTF-32 are told by
//      their byte order mark or by how '<' is spelled.
//   2. Pick the encoding (EncodingChoice): byte order mark, else the HTTP charset, else the XML
//      declaration, else UTF-8; UTF-8 evidence in the bytes settles a quarrel between the two
//      labels; Latin-1 is read as Windows-1252 and GB2312 as GB18030; an unknown label is UTF-8
//      and a problem. libxml2 is told the decision and ignores the declaration.
//   3. Parse with libxml2's tree parser in recovery mode, without network access and without
//      entity substitution, collecting its structured errors on this thread.
//   4. Only if libxml2 complained (or the DOCTYPE declares entities): repair what would cost text
//      and parse again. In text meant as UTF-8, stray bytes are read as Windows-1252; entity
//      references become character references, a bare '&' becomes one, short literal entities
//      the document declares are substituted within a budget of its own size (libxml2 drops
//      every entity reference after its first error). Each repair is a problem.
//   5. Dispatch on the root element: rss, rdf:RDF, Atom feed (1.0, 0.3 and older drafts), an
//      Atom entry alone, CDF's CHANNEL; an HTML page or any other root is "not a feed". Element
//      names match without regard to ASCII case.
//   6. For each item: title, link (xml:base and base URL applied, then LinkNormalizer), id,
//      author (a name, from the forms feeds write), dates (FeedDateParser), and text: the full
//      content (content:encoded, Atom content, XHTML body, iTunes summary beside a description)
//      first, then the summary (description, Atom summary, Dublin Core, media:description).
//      HTML becomes plain text through libxml2's HTML parser (SAX, no tree) and PlainTextBuilder,
//      which also mends C1 controls and UTF-8 read as Latin-1.
//   7. Decide each item's key with ItemIdentity (id, else link, else content hash) and keep the
//      first item of each key; an item with nothing at all (no title, text, link, id, author or
//      date) is dropped. Each item also carries its story (Model's StoryKey): the site its RSS
//      <source url> names, else its link's site, and its title less the site's name. An item
//      whose link leads off that site (a search engine's redirect) takes the first link of its
//      description that is on it, if any.
//
// Safety
//   libxml2 reads hostile input here. Never XML_PARSE_NOENT (it would expand file:// entities),
//   never XML_PARSE_HUGE (libxml2's own limits stop entity bombs), never xmlNodeGetContent (an
//   entity referenced thousands of times expands to gigabytes): text is gathered from TEXT and
//   CDATA nodes, and entity references are skipped unless they name an HTML character. The
//   substitution of declared entities (step 4) takes only literal values of at most 1 KB and
//   stops at the document's own size. FeedParser, HTMLTextExtractor and FeedDateParser are
//   fuzzed (Fuzz/, scripts/fuzz); crash inputs become fixtures named fuzz-*.
//
// Pages and OPML
//   PageParser's rule order (chrome, blocks, paragraphs, keys) is documented on the type.
//   OPMLParser parses without recovery: the subscription list is written by people, so every
//   mistake is an error naming its line rather than a silently skipped source.
