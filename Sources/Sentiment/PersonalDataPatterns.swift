/// Finds personal data that concern phrases cannot describe: UK telephone numbers and postal
/// addresses.
///
/// Telephone numbers: mobiles `07xxx xxxxxx` (11 digits) and landlines `01…`/`02…` (10 or 11
/// digits), written with or without spaces, hyphens or dots between digit groups, an area code
/// in brackets, or `+44` (optionally `+44 (0)`) in place of the leading 0. Addresses: a full
/// postcode ("LS6 2AB", "ls62ab") with a street-like word ("Road", "Close", "St") at most
/// `addressReach` tokens before it.
enum PersonalDataPatterns {
    /// How many tokens before a postcode a street word may be.
    static let addressReach = 8

    /// Words that name a kind of street.
    static let streetWords: Set<String> = [
        "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way",
        "crescent", "cres", "court", "ct", "place", "pl", "gardens", "gdns", "grove", "terrace", "hill",
        "park", "square", "sq", "mews", "row", "walk", "view", "rise", "green", "parade", "vale", "wharf",
        "yard", "boulevard", "chase", "croft", "fields", "gate", "crossing", "estate", "cottages",
    ]

    // MARK: - Telephone numbers

    /// A telephone number found in a passage.
    struct PhoneNumber: Hashable, Sendable {
        /// Byte offsets of the number as written.
        var range: Range<Int>
        /// The national digits, starting with 0.
        var digits: String
        /// Whether it is a mobile (07) rather than a landline (01, 02).
        var isMobile: Bool { digits.hasPrefix("07") }
    }

    /// UK telephone numbers, in reading order.
    static func phoneNumbers(in bytes: UnsafeBufferPointer<UInt8>) -> [PhoneNumber] {
        // A number has at least ten digits. Most passages have fewer, and counting them is much
        // quicker than reading for numbers.
        guard digitCount(of: bytes) >= 10 else { return [] }
        var found: [PhoneNumber] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x2B || byte == 0x28 || byte == 0x30, let number = phoneNumber(in: bytes, from: index) {
                found.append(number)
                index = number.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// How many ASCII digits the bytes hold, counted sixteen at a time.
    static func digitCount(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        if let base = bytes.baseAddress {
            let digitZero = SIMD16<UInt8>(repeating: 0x30)
            let ten = SIMD16<UInt8>(repeating: 10)
            let none = SIMD16<UInt8>(repeating: 0)
            let one = SIMD16<UInt8>(repeating: 1)
            while index + 16 <= bytes.count {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                count += Int(none.replacing(with: one, where: (chunk &- digitZero) .< ten).wrappedSum())
                index += 16
            }
        }
        while index < bytes.count {
            count &+= bytes[index] &- 0x30 < 10 ? 1 : 0
            index += 1
        }
        return count
    }

    /// The longest valid number starting at `start`, if any.
    private static func phoneNumber(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> PhoneNumber? {
        if start > 0 {
            let before = bytes[start - 1]
            if before < 0x80 {
                if ScalarClass.isLetterOrNumber(UInt32(before)) || before == 0x2B { return nil }
            } else {
                var lead = start - 1
                while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                if ScalarClass.isLetterOrNumber(ClusterUnits.decode(bytes, at: lead).0) { return nil }
            }
        }
        func isDigit(_ offset: Int) -> Bool {
            offset < bytes.count && bytes[offset] >= 0x30 && bytes[offset] <= 0x39
        }
        func isSeparator(_ offset: Int) -> Bool {
            offset < bytes.count && (bytes[offset] == 0x20 || bytes[offset] == 0x2D || bytes[offset] == 0x2E)
        }

        var index = start
        var digits = DigitRun()
        var isInBrackets = false
        switch bytes[start] {
        case 0x2B:
            guard isDigit(start + 1), isDigit(start + 2), bytes[start + 1] == 0x34, bytes[start + 2] == 0x34 else { return nil }
            index = start + 3
            digits.append(0x30)
            if isSeparator(index) { index += 1 }
            if index + 2 < bytes.count, bytes[index] == 0x28, bytes[index + 1] == 0x30, bytes[index + 2] == 0x29 {
                index += 3
                if isSeparator(index) { index += 1 }
            }
            guard isDigit(index), bytes[index] != 0x30 else { return nil }
        case 0x28:
            guard isDigit(start + 1), bytes[start + 1] == 0x30 else { return nil }
            index = start + 1
            isInBrackets = true
        case 0x30:
            break
        default:
            return nil
        }

        // Groups as UK numbers are written: the first (with its 0) of 3 to 5 digits, or the whole
        // number; each later one of 3 to 7; one kind of separator throughout. So "01.02.2023 10.00"
        // is a date and a time, not a number.
        var valid: PhoneNumber?
        var separator: UInt8?
        var groups = 0
        while isDigit(index) {
            let groupStart = digits.count
            while isDigit(index) {
                digits.append(bytes[index])
                index += 1
            }
            if digits.count > 11 { break }
            groups += 1
            let size = digits.count - groupStart
            let fitsGroups = groups == 1 ? (3...5).contains(digits.count) || digits.isValidNumber : (3...7).contains(size)
            guard fitsGroups else { break }
            var closedBracket = false
            if isInBrackets {
                guard index < bytes.count, bytes[index] == 0x29 else { return nil }
                index += 1
                isInBrackets = false
                closedBracket = true
            }
            if digits.isValidNumber, !isDigit(index) {
                valid = PhoneNumber(range: start..<index, digits: digits.text)
            }
            // After a closing bracket the next group may follow at once: "(01632)960123".
            if closedBracket, isDigit(index) { continue }
            guard isSeparator(index), isDigit(index + 1), separator == nil || separator == bytes[index] else { break }
            if !closedBracket { separator = bytes[index] }
            index += 1
        }
        return valid
    }

    /// The digits of a number being read, without an array: a count and the digits as a number.
    private struct DigitRun {
        var count = 0
        var value: UInt64 = 0
        var second: UInt8 = 0

        mutating func append(_ digit: UInt8) {
            if count == 1 { second = digit }
            if count < 18 { value = value * 10 + UInt64(digit - 0x30) }
            count += 1
        }

        /// Mobiles 07 with 11 digits; landlines 01 or 02 with 10 or 11 (the first digit is always 0).
        var isValidNumber: Bool {
            guard count >= 2 else { return false }
            if second == 0x37 { return count == 11 }
            if second == 0x31 || second == 0x32 { return count == 10 || count == 11 }
            return false
        }

        /// The digits as written, with the leading 0.
        var text: String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, count - digits.count)) + digits
        }
    }

    // MARK: - Addresses

    /// Byte ranges of addresses: from the street's house number or name to the end of the postcode.
    static func addresses(in tokens: UnsafeBufferPointer<PassageToken>, forms: [UInt8], entries: [CompiledLexicon.WordEntry]) -> [Range<Int>] {
        func isStreetWord(_ token: PassageToken) -> Bool {
            token.kind == .word && token.entry >= 0 && entries[Int(token.entry)].isStreetWord
        }
        guard tokens.contains(where: isStreetWord) else { return [] }
        func form(_ token: PassageToken) -> ArraySlice<UInt8> {
            forms[Int(token.formStart)..<Int(token.formStart + token.formLength)]
        }
        func postcodeEnd(at index: Int) -> Int? {
            let code = form(tokens[index])
            if isOutwardCode(code), index + 1 < tokens.count, tokens[index + 1].kind == .word, isInwardCode(form(tokens[index + 1])) {
                return index + 1
            }
            if (5...7).contains(code.count), isOutwardCode(code.dropLast(3)), isInwardCode(code.suffix(3)) {
                return index
            }
            return nil
        }
        func streetWordIndex(before index: Int) -> Int? {
            var candidate = index - 1
            while candidate >= 0, index - candidate <= addressReach {
                if isStreetWord(tokens[candidate]) { return candidate }
                candidate -= 1
            }
            return nil
        }

        var found: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].kind == .word, let last = postcodeEnd(at: index), let street = streetWordIndex(before: index) else {
                index += 1
                continue
            }
            var first = street
            if first > 0, tokens[first - 1].kind == .word {
                first -= 1
                if first > 0, tokens[first - 1].kind == .word, startsWithNumber(tokens[first - 1], forms) {
                    first -= 1
                }
            }
            found.append(Int(tokens[first].start)..<Int(tokens[last].end))
            index = last + 1
        }
        return found
    }

    /// Whether a word starts with a digit, as a house number does.
    private static func startsWithNumber(_ token: PassageToken, _ forms: [UInt8]) -> Bool {
        guard token.formLength > 0 else { return false }
        let lead = forms[Int(token.formStart)]
        if lead < 0x80 { return lead >= 0x30 && lead <= 0x39 }
        let text = String(decoding: forms[Int(token.formStart)..<Int(token.formStart + token.formLength)], as: UTF8.self)
        return text.first?.isNumber == true
    }

    /// "LS6", "SW1A", "M1", "EC1V": one or two letters, a digit, then optionally a letter or digit.
    private static func isOutwardCode(_ code: ArraySlice<UInt8>) -> Bool {
        guard (2...4).contains(code.count) else { return false }
        var index = code.startIndex
        while index < code.endIndex, index - code.startIndex < 2, isASCIILetter(code[index]) { index += 1 }
        guard index > code.startIndex, index < code.endIndex, isASCIIDigit(code[index]) else { return false }
        index += 1
        if index < code.endIndex, isASCIILetter(code[index]) || isASCIIDigit(code[index]) { index += 1 }
        return index == code.endIndex
    }

    /// "2AB": a digit and two letters, never C, I, K, M, O or V (so "2pm" is a time, not a
    /// postcode), and not the digit's own ordinal ("1st", "3rd", "4th").
    private static func isInwardCode(_ code: ArraySlice<UInt8>) -> Bool {
        let start = code.startIndex
        guard code.count == 3, isASCIIDigit(code[start]), isInwardLetter(code[start + 1]), isInwardLetter(code[start + 2]) else {
            return false
        }
        let suffix = [code[start + 1] | 0x20, code[start + 2] | 0x20]
        return suffix != ordinalSuffix(of: code[start])
    }

    /// The suffix an ordinal of this digit takes ("1st", "2nd", "3rd", "4th"); "2TH" or "1RD" is
    /// no ordinal, so it can be a postcode.
    private static func ordinalSuffix(of digit: UInt8) -> [UInt8] {
        switch digit {
        case 0x31: Array("st".utf8)
        case 0x32: Array("nd".utf8)
        case 0x33: Array("rd".utf8)
        default: Array("th".utf8)
        }
    }

    /// The letters a postcode's inward code uses: all but C, I, K, M, O and V.
    private static func isInwardLetter(_ byte: UInt8) -> Bool {
        guard isASCIILetter(byte) else { return false }
        return !"cikmov".utf8.contains(byte | 0x20)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
