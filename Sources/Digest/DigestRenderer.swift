import Foundation
import Model

/// Renders a ``Digest`` as email-safe HTML and as plain text.
///
/// The HTML uses tables and inline styles only, which common email clients render, and escapes
/// every value that came from the internet.
public struct DigestRenderer: Sendable {
    public init() {}

    /// The digest as a complete HTML document.
    public func html(_ digest: Digest) -> String {
        let time = timeFormatter(digest.timeZone)
        var body = ""
        body += "<h1 style=\"font-size:22px;margin:0 0 4px\">\(escape(digest.schoolName)): social media digest</h1>\n"
        body += "<p style=\"color:#555;margin:0 0 16px\">\(escape(digest.dayTitle)) · generated \(escape(time.string(from: digest.generatedAt)))</p>\n"
        body += "<table role=\"presentation\" style=\"border-collapse:collapse;margin-bottom:16px\"><tr>"
        for (label, value) in headline(digest) {
            body += "<td style=\"padding:8px 16px;border:1px solid #ddd\"><div style=\"font-size:20px;font-weight:bold\">\(escape(value))</div><div style=\"color:#555\">\(escape(label))</div></td>"
        }
        body += "</tr></table>\n"

        body += "<h2 style=\"font-size:18px\">Needs attention now</h2>\n"
        let attention = attentionRows(digest)
        if attention.isEmpty {
            body += "<p>Nothing is overdue, urgent or due today.</p>\n"
        } else {
            body += "<table style=\"border-collapse:collapse;width:100%\">\n<tr>"
            for heading in ["Case", "Why", "Concern", "Owner", "Due", "Post"] {
                body += "<th style=\"text-align:left;padding:4px 8px;border-bottom:2px solid #333\">\(heading)</th>"
            }
            body += "</tr>\n"
            for (reason, item) in attention {
                let colour = reason == "Overdue" ? "#b00020" : (reason == "Due today" ? "#333" : "#a15c00")
                body += "<tr>"
                body += cell(escape(item.id.description))
                body += cell("<span style=\"color:\(colour);font-weight:bold\">\(escape(reason))</span>")
                body += cell(escape(item.primaryConcern.displayName))
                body += cell(escape(item.owner.rawValue))
                body += cell(escape(time.string(from: item.dueAt)))
                body += cell(link(item.title, to: item.link) + "<br><span style=\"color:#555\">\(escape(item.sourceTitle))</span>")
                body += "</tr>\n"
            }
            body += "</table>\n"
        }

        body += "<h2 style=\"font-size:18px\">New mentions</h2>\n"
        if digest.findings.isEmpty {
            body += "<p>No new mentions in this period.</p>\n"
        }
        for group in digest.findingsByConcern {
            body += "<h3 style=\"font-size:16px;margin:12px 0 4px\">\(escape(group.title)) (\(group.findings.count))</h3>\n<ul>\n"
            for finding in group.findings {
                body += "<li style=\"margin-bottom:6px\">\(link(finding.title.isEmpty ? finding.snippet : finding.title, to: finding.link))"
                body += " <span style=\"color:#555\">— \(escape(finding.sourceTitles.joined(separator: ", "))); sentiment \(escape(signed(finding.sentiment.compound)))</span>"
                body += "<br><span>\(escape(finding.snippet))</span></li>\n"
            }
            body += "</ul>\n"
        }

        body += "<h2 style=\"font-size:18px\">Failing feeds</h2>\n"
        if digest.failingSources.isEmpty {
            body += "<p>Every feed was fetched without error.</p>\n"
        } else {
            body += "<ul>\n"
            for source in digest.failingSources {
                body += "<li>\(escape(source.title)) (\(escape(source.url.absoluteString))): \(source.consecutiveErrors) failures in a row; last error: \(escape(source.lastError))</li>\n"
            }
            body += "</ul>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>\(escape(digest.schoolName)) digest \(escape(digest.dayKey))</title></head>
        <body style="font-family:Arial,Helvetica,sans-serif;color:#222;max-width:760px;margin:0 auto;padding:16px">
        \(body)</body></html>

        """
    }

    /// The digest as plain text, for the text part of an email and for terminals.
    public func plainText(_ digest: Digest) -> String {
        let time = timeFormatter(digest.timeZone)
        var lines = ["\(digest.schoolName): social media digest", "\(digest.dayTitle), generated \(time.string(from: digest.generatedAt))", ""]
        lines.append(headline(digest).map { "\($0.0): \($0.1)" }.joined(separator: " | "))
        lines.append("")
        lines.append("NEEDS ATTENTION NOW")
        let attention = attentionRows(digest)
        if attention.isEmpty { lines.append("  Nothing is overdue, urgent or due today.") }
        for (reason, item) in attention {
            lines.append("  \(item.id) [\(reason)] \(item.primaryConcern.displayName), owner \(item.owner), due \(time.string(from: item.dueAt))")
            lines.append("      \(item.title) (\(item.sourceTitle))")
            if let link = item.link { lines.append("      \(link.absoluteString)") }
        }
        lines.append("")
        lines.append("NEW MENTIONS")
        if digest.findings.isEmpty { lines.append("  No new mentions in this period.") }
        for group in digest.findingsByConcern {
            lines.append("  \(group.title) (\(group.findings.count))")
            for finding in group.findings {
                lines.append("    - \(finding.title.isEmpty ? finding.snippet : finding.title) [\(finding.sourceTitles.joined(separator: ", ")); sentiment \(signed(finding.sentiment.compound))]")
                if let link = finding.link { lines.append("      \(link.absoluteString)") }
            }
        }
        lines.append("")
        lines.append("FAILING FEEDS")
        if digest.failingSources.isEmpty { lines.append("  Every feed was fetched without error.") }
        for source in digest.failingSources {
            lines.append("  \(source.title): \(source.consecutiveErrors) failures in a row; last error: \(source.lastError)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func headline(_ digest: Digest) -> [(String, String)] {
        [
            ("Mentions", "\(digest.mentionCount)"),
            ("Net sentiment", signed(digest.netSentiment)),
            ("New concerns", "\(digest.newConcernCount)"),
            ("Open cases", "\(digest.openCases.count)"),
            ("Overdue", "\(digest.overdueCases.count)"),
        ]
    }

    /// Overdue first, then at risk (due within two hours), then urgent, then due today; each case once.
    private func attentionRows(_ digest: Digest) -> [(String, CaseSummary)] {
        var seen = Set<CaseID>()
        var rows: [(String, CaseSummary)] = []
        for (reason, cases) in [("Overdue", digest.overdueCases), ("At risk", digest.atRiskCases), ("Urgent", digest.urgentCases),
                                ("Due today", digest.casesDueToday)] {
            for item in cases where seen.insert(item.id).inserted {
                rows.append((reason, item))
            }
        }
        return rows
    }

    private func escape(_ text: String) -> String { Self.escapeHTML(text) }

    private func cell(_ html: String) -> String {
        "<td style=\"padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top\">\(html)</td>"
    }

    private func link(_ text: String, to url: URL?) -> String {
        guard let url, ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return escape(text) }
        return "<a href=\"\(escape(url.absoluteString))\" style=\"color:#0645ad\">\(escape(text))</a>"
    }

    private func signed(_ value: Double) -> String {
        String(format: "%+.2f", value)
    }

    private func timeFormatter(_ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter
    }
}

extension DigestRenderer {
    /// Escapes text for HTML element content and attribute values.
    public static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
