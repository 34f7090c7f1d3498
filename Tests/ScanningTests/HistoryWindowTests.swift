import Foundation
@testable import Scanning
import Testing

/// Which items of a source are its history: published before its first read, by more than the window.
@Suite struct HistoryWindowTests {
    let firstRead = Date(timeIntervalSince1970: 1_795_600_800)
    let window = HistoryWindow(length: .seconds(48 * 3600))

    @Test func anItemPublishedMoreThanTheWindowBeforeTheFirstReadIsHistory() {
        #expect(window.isHistory(publishedAt: firstRead.addingTimeInterval(-48 * 3600 - 1), sourceFirstReadAt: firstRead))
        #expect(window.isHistory(publishedAt: firstRead.addingTimeInterval(-30 * 86_400), sourceFirstReadAt: firstRead))
    }

    @Test func anItemPublishedWithinTheWindowOrAfterTheFirstReadIsNews() {
        #expect(!window.isHistory(publishedAt: firstRead.addingTimeInterval(-48 * 3600), sourceFirstReadAt: firstRead))
        #expect(!window.isHistory(publishedAt: firstRead.addingTimeInterval(-3600), sourceFirstReadAt: firstRead))
        #expect(!window.isHistory(publishedAt: firstRead.addingTimeInterval(7 * 86_400), sourceFirstReadAt: firstRead))
    }

    @Test func anItemWithoutAPublicationDateIsNews() {
        #expect(!window.isHistory(publishedAt: nil, sourceFirstReadAt: firstRead))
    }

    @Test func aWindowOfZeroTakesEverythingPublishedBeforeTheFirstReadAsHistory() {
        let none = HistoryWindow(length: .zero)
        #expect(none.isHistory(publishedAt: firstRead.addingTimeInterval(-1), sourceFirstReadAt: firstRead))
        #expect(!none.isHistory(publishedAt: firstRead, sourceFirstReadAt: firstRead))
    }
}
