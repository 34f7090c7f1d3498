import CXML2
import CXML2Shims
import Foundation

/// The one place that calls libxml2's document readers, with the option sets this room allows.
///
/// Every read installs a structured error handler on the calling thread (libxml2 keeps error
/// handlers per thread), points it at an ``XMLErrorCollector`` through an `Unmanaged` context,
/// parses, and removes the handler again. Entity substitution (`XML_PARSE_NOENT`), DTD loading
/// and network access are never switched on, and `XML_PARSE_HUGE` is never used, so libxml2's
/// own limits stay in force against entity bombs.
enum LibXML {
    /// Options for feeds: forgiving, silent, no network, no entity substitution.
    static let recoveringXMLOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue
    )

    /// Added when the encoding is decided before parsing: the XML declaration's is then ignored.
    static let ignoringDeclaredEncoding = Int32(XML_PARSE_IGNORE_ENC.rawValue)

    /// Options for OPML files, which must be well-formed: as for feeds, minus recovery.
    static let strictXMLOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue
    )

    /// Options for HTML pages and HTML fragments inside feeds. Not `HTML_PARSE_NOBLANKS`: it drops
    /// the space between two inline elements (`<b>a</b> <i>b</i>`).
    static let htmlOptions = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue
    )

    /// The largest input handed to libxml2, whose size argument is a C `int`.
    static let maximumByteCount = Int(Int32.max)

    /// What a read produced: the tree (nil when libxml2 gave up) and the problems it reported.
    struct Outcome {
        var document: LibXMLDocument?
        var problems: [XMLProblem]
        var errorCount: Int
    }

    private static let isInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Sets libxml2 up once per process, before any call into it (its encoding tables, among
    /// others, are filled without locks otherwise).
    static func ensureInitialized() {
        _ = isInitialized
    }

    /// Parses XML bytes into a tree.
    /// - Parameters:
    ///   - bytes: the document; must not be empty.
    ///   - documentURL: recorded as the document's URL (never fetched).
    ///   - encoding: an encoding name that overrides detection, or nil to let libxml2 decide.
    ///   - options: one of the option sets above.
    static func readXML(_ bytes: Data, documentURL: String?, encoding: String?, options: Int32) -> Outcome {
        withErrorCollection { () -> xmlDocPtr? in
            bytes.withUnsafeBytes { raw -> xmlDocPtr? in
                guard let base = raw.baseAddress, raw.count > 0 else { return nil }
                return xmlReadMemory(
                    base.assumingMemoryBound(to: CChar.self),
                    Int32(raw.count),
                    documentURL,
                    encoding,
                    options
                )
            }
        }
    }

    /// Parses HTML bytes into a tree; libxml2's HTML parser always produces one unless the input is empty.
    static func readHTML(_ bytes: Data, documentURL: String?, encoding: String?) -> Outcome {
        withErrorCollection { () -> xmlDocPtr? in
            bytes.withUnsafeBytes { raw -> xmlDocPtr? in
                guard let base = raw.baseAddress, raw.count > 0 else { return nil }
                return htmlReadMemory(
                    base.assumingMemoryBound(to: CChar.self),
                    Int32(raw.count),
                    documentURL,
                    encoding,
                    htmlOptions
                )
            }
        }
    }

    /// Runs `body` with libxml2's errors on this thread going nowhere (for HTML fragments, whose
    /// errors are never reported).
    static func withSilencedErrors<Result>(_ body: () -> Result) -> Result {
        _ = isInitialized
        earshot_xml_silence_generic_errors()
        xmlSetStructuredErrorFunc(nil, ignoreStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }

    private static func withErrorCollection(_ parse: () -> xmlDocPtr?) -> Outcome {
        _ = isInitialized
        let collector = XMLErrorCollector()
        let document: xmlDocPtr? = withExtendedLifetime(collector) {
            earshot_xml_silence_generic_errors()
            xmlSetStructuredErrorFunc(Unmanaged.passUnretained(collector).toOpaque(), recordStructuredError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return parse()
        }
        return Outcome(
            document: document.map(LibXMLDocument.init(pointer:)),
            problems: collector.problems,
            errorCount: collector.errorCount
        )
    }
}

/// A structured error callback that drops the error.
private func ignoreStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {}

/// libxml2's structured error callback: hands each error to the collector passed as context.
private func recordStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let collector = Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue()
    collector.record(error.pointee)
}
