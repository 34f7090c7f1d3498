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

    private static let streetWords: Set<String> = [
        "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way",
        "crescent", "cres", "court", "ct", "place", "pl", "gardens", "gdns", "grove", "terrace", "hill",
        "park", "square", "sq", "mews", "row", "walk", "view", "rise", "green", "parade", "vale", "wharf",
        "yard", "boulevard", "chase", "croft", "fields", "gate", "crossing", "estate", "cottages",
    ]

    // MARK: - Telephone numbers

    /// A telephone number found in a passage.
    struct PhoneNumber: Hashable, Sendable {
        /// Character offsets of the number as written.
        var range: Range<Int>
        /// The national digits, starting with 0.
        var digits: String
        /// Whether it is a mobile (07) rather than a landline (01, 02).
        var isMobile: Bool { digits.hasPrefix("07") }
    }

    /// UK telephone numbers, in reading order.
    static func phoneNumbers(in characters: [Character]) -> [PhoneNumber] {
        var found: [PhoneNumber] = []
        var index = 0
        while index < characters.count {
            if let number = phoneNumber(in: characters, from: index) {
                found.append(number)
                index = number.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// The longest valid number starting at `start`, if any.
    private static func phoneNumber(in characters: [Character], from start: Int) -> PhoneNumber? {
        if start > 0 {
            let before = characters[start - 1]
            if before.isLetter || before.isNumber || before == "+" { return nil }
        }
        func isDigit(_ offset: Int) -> Bool {
            offset < characters.count && characters[offset].isASCII && characters[offset].isNumber
        }
        func isSeparator(_ offset: Int) -> Bool {
            offset < characters.count && (characters[offset] == " " || characters[offset] == "-" || characters[offset] == ".")
        }

        var index = start
        var digits = ""
        var isInBrackets = false
        switch characters[start] {
        case "+":
            guard isDigit(start + 1), isDigit(start + 2), characters[start + 1] == "4", characters[start + 2] == "4" else { return nil }
            index = start + 3
            digits = "0"
            if isSeparator(index) { index += 1 }
            if index + 2 < characters.count, characters[index] == "(", characters[index + 1] == "0", characters[index + 2] == ")" {
                index += 3
                if isSeparator(index) { index += 1 }
            }
            guard isDigit(index), characters[index] != "0" else { return nil }
        case "(":
            guard isDigit(start + 1), characters[start + 1] == "0" else { return nil }
            index = start + 1
            isInBrackets = true
        case "0":
            break
        default:
            return nil
        }

        var valid: PhoneNumber?
        while isDigit(index) {
            while isDigit(index) {
                digits.append(characters[index])
                index += 1
            }
            if digits.count > 11 { break }
            if isInBrackets {
                guard index < characters.count, characters[index] == ")" else { return nil }
                index += 1
                isInBrackets = false
            }
            if isValidNumber(digits), !isDigit(index) { valid = PhoneNumber(range: start..<index, digits: digits) }
            guard isSeparator(index), isDigit(index + 1) else { break }
            index += 1
        }
        return valid
    }

    private static func isValidNumber(_ digits: String) -> Bool {
        if digits.hasPrefix("07") { return digits.count == 11 }
        if digits.hasPrefix("01") || digits.hasPrefix("02") { return digits.count == 10 || digits.count == 11 }
        return false
    }

    // MARK: - Addresses

    /// Character ranges of addresses: from the street's house number or name to the end of the postcode.
    static func addresses(in tokens: [TextToken]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].kind == .word, let last = postcodeEnd(in: tokens, at: index),
                  let street = streetWordIndex(in: tokens, before: index)
            else {
                index += 1
                continue
            }
            var first = street
            if first > 0, tokens[first - 1].kind == .word {
                first -= 1
                if first > 0, tokens[first - 1].kind == .word, tokens[first - 1].form.first?.isNumber == true {
                    first -= 1
                }
            }
            found.append(tokens[first].start..<tokens[last].end)
            index = last + 1
        }
        return found
    }

    /// The index of the postcode's last token when a postcode starts at `index`.
    private static func postcodeEnd(in tokens: [TextToken], at index: Int) -> Int? {
        let form = tokens[index].form
        if isOutwardCode(form), index + 1 < tokens.count, tokens[index + 1].kind == .word,
           isInwardCode(tokens[index + 1].form) {
            return index + 1
        }
        if (5...7).contains(form.count), isOutwardCode(String(form.dropLast(3))), isInwardCode(String(form.suffix(3))) {
            return index
        }
        return nil
    }

    private static func streetWordIndex(in tokens: [TextToken], before index: Int) -> Int? {
        var candidate = index - 1
        while candidate >= 0, index - candidate <= addressReach {
            if tokens[candidate].kind == .word, streetWords.contains(tokens[candidate].form) { return candidate }
            candidate -= 1
        }
        return nil
    }

    /// "LS6", "SW1A", "M1", "EC1V": one or two letters, a digit, then optionally a letter or digit.
    private static func isOutwardCode(_ code: String) -> Bool {
        let characters = Array(code)
        guard (2...4).contains(characters.count) else { return false }
        var index = 0
        while index < characters.count, index < 2, isASCIILetter(characters[index]) { index += 1 }
        guard index >= 1, index < characters.count, isASCIIDigit(characters[index]) else { return false }
        index += 1
        if index < characters.count, isASCIILetter(characters[index]) || isASCIIDigit(characters[index]) { index += 1 }
        return index == characters.count
    }

    /// "2AB": a digit and two letters.
    private static func isInwardCode(_ code: String) -> Bool {
        let characters = Array(code)
        return characters.count == 3 && isASCIIDigit(characters[0]) && isASCIILetter(characters[1]) && isASCIILetter(characters[2])
    }

    private static func isASCIILetter(_ character: Character) -> Bool { character.isASCII && character.isLetter }
    private static func isASCIIDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}
