import CXML2
import Foundation

/// Receives libxml2's structured errors for one parse, reached from C through an `Unmanaged` pointer.
///
/// Keeps the first few problems in full and counts the rest, so that a hostile document
/// with millions of errors cannot grow memory without bound.
final class XMLErrorCollector {
    /// How many problems are kept in full.
    static let keptProblemLimit = 20

    private(set) var problems: [XMLProblem] = []
    private(set) var errorCount = 0
    private(set) var warningCount = 0

    func record(_ error: xmlError) {
        let level = error.level
        let isWarning = level.rawValue <= XML_ERR_WARNING.rawValue
        if isWarning {
            warningCount += 1
        } else {
            errorCount += 1
        }
        guard problems.count < Self.keptProblemLimit else { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        message = message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        let line = error.line > 0 ? Int(error.line) : nil
        problems.append(
            XMLProblem(
                line: line,
                message: message,
                isFatal: level.rawValue >= XML_ERR_FATAL.rawValue,
                isWarning: isWarning
            )
        )
    }
}

@available(*, unavailable)
extension XMLErrorCollector: Sendable {}
