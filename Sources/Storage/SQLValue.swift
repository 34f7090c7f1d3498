import Foundation

/// A value bound to or read from an SQL statement.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    init(_ date: Date?) { self = date.map { .real($0.timeIntervalSince1970) } ?? .null }
    init(_ integer: Int) { self = .integer(Int64(integer)) }
    init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }

    var text: String? { if case .text(let value) = self { value } else { nil } }
    var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(value)
        default: nil
        }
    }
    var real: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
    var date: Date? { real.map(Date.init(timeIntervalSince1970:)) }
}

/// One row of a query result, by column name.
struct SQLRow {
    let values: [String: SQLValue]
    subscript(_ column: String) -> SQLValue { values[column] ?? .null }
}
