/// Identifies a case in the response workflow.
public struct CaseID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public var description: String { "#\(rawValue)" }

    public static func < (lhs: CaseID, rhs: CaseID) -> Bool { lhs.rawValue < rhs.rawValue }
}
