/// Text made safe to place in HTML or XML, as element content or as a quoted attribute value.
public enum MarkupText {
    /// `&`, `<`, `>`, `"` and `'` written as references, and direction controls (see
    /// ``DirectionControls``) replaced, so that text from the internet cannot reorder the page.
    ///
    /// Works on Unicode scalars, not Characters: a `"` or `<` followed by a combining mark is one
    /// Character, and must still be escaped.
    public static func escaped(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            case _ where DirectionControls.contains(scalar.value): escaped.append(DirectionControls.replacement)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
