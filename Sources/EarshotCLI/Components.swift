import ArgumentParser
import Configuration
import Foundation
import Mentions
import Scanning
import Sentiment
import Storage

/// Opens the store named by the configuration, or explains why not and exits with the storage code.
func openStore(_ configuration: EarshotConfiguration) throws -> Store {
    do {
        return try Store(path: configuration.databaseFile.path)
    } catch {
        printError("storage error: \(error.description)")
        throw ExitStatus.storageFailure
    }
}

/// The analysers for this configuration, with the bundled lexicon.
func makeAnalyzer(_ configuration: EarshotConfiguration) throws -> ItemAnalyzer {
    let lexicon: Lexicon
    do {
        lexicon = try Lexicon.bundled()
    } catch {
        printError("cannot load the sentiment lexicon: \(error)")
        throw ExitCode.failure
    }
    return ItemAnalyzer(
        mentionFinder: MentionFinder(profile: configuration.profile),
        sentimentAnalyzer: SentimentAnalyzer(lexicon: lexicon),
        concernClassifier: ConcernClassifier(lexicon: lexicon),
        triager: configuration.triager
    )
}
