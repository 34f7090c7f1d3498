import ArgumentParser
import Settings
import Fetching
import Foundation
import Mentions
import Model
import Notifications
import Scanning
import Sentiment
import Storage

/// Opens the store named by the configuration (the SQLite file, or the PostgreSQL server of
/// `[storage] url`), or explains why not and exits with the storage code.
func openStore(_ configuration: EarshotConfiguration) throws -> Store {
    do {
        return try Store(location: configuration.store)
    } catch {
        printError("storage error: \(error.description)")
        throw ExitStatus.storageFailure
    }
}

/// The bundled sentiment lexicon, or a message and a failure exit when it cannot be read.
func loadBundledLexicon() throws -> Lexicon {
    do {
        return try Lexicon.bundled()
    } catch {
        printError("cannot load the sentiment lexicon: \(error)")
        throw ExitCode.failure
    }
}

/// A concern model with the bundled families and the weights in a file, or prints why not and fails.
func loadConcernModel(weightsFile: String) throws -> ConcernModel {
    do {
        let weights = try String(contentsOfFile: weightsFile, encoding: .utf8)
        return try ConcernModel.withBundledFamilies(weights: weights)
    } catch {
        printError("cannot load the concern model \(weightsFile): \(error)")
        throw ExitCode.failure
    }
}

extension Lexicon {
    /// This lexicon weighing concerns with the model in `weightsFile` when one is given (see
    /// `loadConcernModel(weightsFile:)`), else as it is.
    func weighingConcerns(with weightsFile: String?) throws -> Lexicon {
        guard let weightsFile else { return self }
        var lexicon = self
        lexicon.concernModel = try loadConcernModel(weightsFile: weightsFile)
        return lexicon
    }
}

/// The bundled lexicon with the induced word list read from a file instead of its own, or a
/// message and a failure exit when either cannot be read.
func loadLexicon(inducedFrom path: String) throws -> Lexicon {
    let contents: String
    do {
        contents = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        printError("cannot read the induced lexicon \(path): \(error.localizedDescription)")
        throw ExitCode.failure
    }
    do {
        return try Lexicon.bundled(inducedLexicon: contents)
    } catch {
        printError("cannot load the sentiment lexicon: \(error)")
        throw ExitCode.failure
    }
}

/// The analysers for this configuration (every school, then the trust), with the bundled lexicon.
func makeAnalyzer(_ configuration: EarshotConfiguration) throws -> ItemAnalyzer {
    let lexicon = try loadBundledLexicon()
    let schools = configuration.everyone.map { school in
        ItemAnalyzer.School(id: school.id, mentionFinder: MentionFinder(profile: school.profile),
                            triager: configuration.triager(for: school))
    }
    return ItemAnalyzer(schools: schools, judge: PassageJudge(lexicon: lexicon))
}

/// The school `--school` names: one of a trust's schools, or with `includingTrust` also
/// `trust` (and in a single school's configuration only its school, `school`); a usage error
/// listing the ids there are otherwise.
func school(named id: String, in configuration: EarshotConfiguration, includingTrust: Bool) throws -> SchoolSettings {
    let choices = includingTrust ? configuration.everyone : configuration.schools.filter { configuration.isTrust || $0.id != .sole }
    guard let school = choices.first(where: { $0.id.rawValue == id }) else {
        let known = choices.isEmpty ? "none: a single school" : choices.map(\.id.rawValue).joined(separator: ", ")
        throw ValidationError("--school \(id) is not a school of this configuration (\(known))")
    }
    return school
}

/// Fetches one address now, politely, as the configuration says; a failure is explained and exits
/// with the some-sources-failed code.
func fetchNow(_ address: String, configuration: EarshotConfiguration) async throws -> FetchOutcome {
    guard let target = URL(string: address), target.scheme != nil else {
        throw ValidationError("\"\(address)\" is not an absolute URL")
    }
    do {
        return try await withTransferEngine(settings: configuration.fetchSettings) { engine in
            try await PoliteFetcher(engine: engine, policy: configuration.politeness).fetch(FetchRequest(url: target))
        }
    } catch let error as FetchError {
        printError("fetch failed: \(error.description)")
        throw ExitStatus.someSourcesFailed
    }
}

/// Text from the internet made safe to print on a terminal: control characters other than line
/// breaks and tabs (escape sequences, C1 controls such as OSC) and direction controls
/// (``DirectionControls``), which could move the cursor, retitle the window or reorder what is
/// shown, become U+FFFD.
func terminalSafe(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        let value = scalar.value
        let isControl = (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
        scalars.append(isControl || DirectionControls.contains(value) ? DirectionControls.replacement : scalar)
    }
    return String(scalars)
}

/// Runs a mailer's work, turning what stops it into a message and an exit code.
func sendingMail<Result>(_ body: () async throws(NotificationError) -> Result) async throws -> Result {
    do {
        return try await body()
    } catch .noDigestRecipients {
        printError("no one to send the digest to: set [email] digest_to or give the slt role addresses")
        throw ExitStatus.configurationError
    } catch .storage(let error) {
        printError("storage error: \(error.description)")
        throw ExitStatus.storageFailure
    } catch .noStore {
        throw ExitStatus.storageFailure
    }
}
