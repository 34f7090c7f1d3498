import Foundation
import TOMLKit

/// A parsed TOML file with typed, located access: every wrong value becomes a
/// ``ConfigurationError`` naming the line it is on.
struct TOMLDocument {
    let file: URL
    let root: TOMLTable
    private let lines: [Substring]
    /// How many lines of the file come before `lines`: non-zero for one table of an array of tables.
    private let lineOffset: Int

    init(file: URL) throws(ConfigurationError) {
        self.file = file
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: file.path, problem: "cannot read the file (\(error.localizedDescription))")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lineOffset = 0
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: file.path, line: error.source.begin.line, problem: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigurationError(file: file.path, problem: "not valid TOML: \(error)")
        }
    }

    private init(file: URL, root: TOMLTable, lines: [Substring], lineOffset: Int) {
        self.file = file
        self.root = root
        self.lines = lines
        self.lineOffset = lineOffset
    }

    /// Whether `key` is an array of tables (`[[key]]`) rather than a table.
    func isArrayOfTables(_ key: String) -> Bool {
        root[key]?.array != nil
    }

    /// Each table of the array of tables `key` (`[[key]]`), as a document of its own whose keys
    /// and sub-tables (`[key.roles]` becomes `roles`) are read from its root, and whose errors
    /// name the lines of that table in the file.
    func tables(ofArray key: String) throws(ConfigurationError) -> [TOMLDocument] {
        guard let array = root[key]?.array else { return [] }
        let header = "[[\(key)]]"
        let starts = lines.indices.filter { lines[$0].filter { !$0.isWhitespace } == header }
        var documents: [TOMLDocument] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw ConfigurationError(file: file.path, problem: "\(key) must be written as [[\(key)]] tables")
            }
            // The element's lines run from its header to the next table that is not one of its own.
            var region: [Substring] = []
            let start = index < starts.count ? starts[index] : lines.count
            var number = start + 1
            while number < lines.count {
                let line = lines[number].trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("[") {
                    let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                    guard !line.hasPrefix("[["), name.hasPrefix(key + ".") else { break }
                    region.append(Substring("[" + name.dropFirst(key.count + 1) + "]"))
                } else {
                    region.append(lines[number])
                }
                number += 1
            }
            documents.append(TOMLDocument(file: file, root: table, lines: region, lineOffset: start + 1))
        }
        return documents
    }

    /// An error located at the key `path` (table names then key), or at its table when the key is absent.
    func error(at path: [String], _ problem: String) -> ConfigurationError {
        ConfigurationError(file: file.path, line: line(of: path), problem: problem)
    }

    /// The line where `path` is set, found by reading the file as a person would.
    func line(of path: [String]) -> Int? {
        let table = path.dropLast().joined(separator: ".")
        let key = path.last ?? ""
        var currentTable = ""
        var tableLine: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                currentTable = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if currentTable == path.joined(separator: ".") || currentTable == table { tableLine = lineOffset + index + 1 }
                continue
            }
            if currentTable == table, let equals = line.firstIndex(of: "="),
               line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == key {
                return lineOffset + index + 1
            }
        }
        return tableLine
    }

    func table(_ path: [String]) throws(ConfigurationError) -> TOMLTable? {
        var current = root
        for (depth, name) in path.enumerated() {
            guard let value = current[name] else { return nil }
            guard let table = value.table else {
                throw error(at: Array(path[...depth]), "\(path[...depth].joined(separator: ".")) must be a table")
            }
            current = table
        }
        return current
    }

    /// Rejects keys the program does not know, which are almost always typing mistakes.
    func rejectUnknownKeys(in path: [String], allowed: Set<String>) throws(ConfigurationError) {
        guard let table = try table(path) else { return }
        for key in table.keys where !allowed.contains(key) {
            let known = allowed.sorted().joined(separator: ", ")
            let place = path.isEmpty ? "at the top level" : "in [\(path.joined(separator: "."))]"
            throw error(at: path + [key], "unknown key \"\(key)\" \(place); known keys: \(known)")
        }
    }

    func string(_ path: [String]) throws(ConfigurationError) -> String? {
        guard let value = try value(path) else { return nil }
        guard let string = value.string else { throw error(at: path, "\(path.joined(separator: ".")) must be a string") }
        return string
    }

    func bool(_ path: [String]) throws(ConfigurationError) -> Bool? {
        guard let value = try value(path) else { return nil }
        guard let bool = value.bool else { throw error(at: path, "\(path.joined(separator: ".")) must be true or false") }
        return bool
    }

    func int(_ path: [String]) throws(ConfigurationError) -> Int? {
        guard let value = try value(path) else { return nil }
        guard let int = value.int else { throw error(at: path, "\(path.joined(separator: ".")) must be a whole number") }
        return int
    }

    func strings(_ path: [String]) throws(ConfigurationError) -> [String]? {
        guard let value = try value(path) else { return nil }
        guard let array = value.array else {
            throw error(at: path, "\(path.joined(separator: ".")) must be a list of strings, like [\"a\", \"b\"]")
        }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else {
                throw error(at: path, "\(path.joined(separator: ".")) must contain only strings")
            }
            strings.append(string)
        }
        return strings
    }

    /// A duration such as "45s", "30m", "6h" or "2d".
    func duration(_ path: [String]) throws(ConfigurationError) -> Duration? {
        if let number = try value(path)?.int {
            throw error(at: path, "\(path.joined(separator: ".")) must be a duration in quotes, such as \"\(number)h\" or \"\(number)d\"; a number alone has no unit")
        }
        guard let text = try string(path) else { return nil }
        guard let duration = Self.parseDuration(text) else {
            throw error(at: path, "\(path.joined(separator: ".")) must be a duration such as \"45s\", \"30m\", \"6h\" or \"2d\", not \"\(text)\"")
        }
        return duration
    }

    static func parseDuration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let amount = Int(trimmed.dropLast()), amount >= 0 else { return nil }
        let factor: Int
        switch unit {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3600
        case "d": factor = 86_400
        default: return nil
        }
        let (seconds, overflows) = amount.multipliedReportingOverflow(by: factor)
        return overflows ? nil : .seconds(seconds)
    }

    private func value(_ path: [String]) throws(ConfigurationError) -> (any TOMLValueConvertible)? {
        guard let table = try table(Array(path.dropLast())), let key = path.last else { return nil }
        return table[key]
    }
}
