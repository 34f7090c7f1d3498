import Sentiment

/// A small lexicon whose numbers the tests can work out by hand.
enum TestLexicon {
    static let words = """
        # valences chosen to make the arithmetic easy
        good\t2
        great\t3
        bad\t-2.5
        awful\t-3
        love\t3
        kind\t2
        brilliant\t3
        complaining\t-1.5
        kind-hearted\t3
        bully\t-3
        okay\t0.2
        fine\t0.1
        poor\t-0.2
        """

    static let idioms = """
        not bad\t1.5
        over the moon\t3.5
        can't fault\t3
        """

    static let modifiers = """
        very\t0.3
        extremely\t0.35
        slightly\t-0.3
        kind of\t-0.2
        so\t0.2
        """

    static let negators = """
        not
        never
        no
        """

    static let emoticons = """
        :)\t2
        :(\t-2
        <3\t3
        😀\t2.5
        ❤️\t3
        👍\t2
        """

    static let concerns = """
        safeguarding\t0.9\tself harm
        safeguarding\t0.4\ttouched
        bullying\t0.8\tbully*
        bullying\t0.8\tbulli*
        bullying\t0.9\tcyber bullying
        offensive\t0.9\tf***
        offensive\t0.8\tsh*t*
        discrimination\t0.9\tracis*
        defamation\t0.7\tliar
        dataProtection\t0.8\thome address
        complaint\t0.7\tcomplain*
        complaint\t0.9\tformal complaint
        question\t0.9\tdoes anyone know
        question\t0.2\tare the
        pressEnquiry\t0.8\tjournalist
        praise\t0.5\tbrilliant
        praise\t0.7\twell done
        praise\t0.9\tcan't thank
        """

    /// The test lexicon, parsed afresh.
    static func make() throws -> Lexicon {
        try Lexicon(
            lexicon: words, idioms: idioms, modifiers: modifiers,
            negators: negators, emoticons: emoticons, concerns: concerns
        )
    }

    /// The compound score for a raw sum, as the analyzer normalises it.
    static func compound(_ sum: Double) -> Double {
        sum / (sum * sum + 15).squareRoot()
    }
}
