import Foundation
import Model
import Storage
import TestSupport
import Testing

/// Leases on sources: how scanners sharing a store claim what they fetch, on either store.
@Suite struct SourceLeaseTests {
    let sources = (1...4).map { Source(url: URL(string: "https://news\($0).example/feed")!, kind: .feed, title: "News \($0)") }
    let now = Date(timeIntervalSince1970: 1_795_600_800)
    var ids: [SourceID] { sources.map(\.id) }

    func claim(_ store: Store, for holder: String, at date: Date, lease: TimeInterval = 120) throws -> [SourceID] {
        try store.claim(ids, for: holder, until: date.addingTimeInterval(lease), at: date, where: { _ in true }).map(\.sourceID)
    }

    @Test(arguments: StoreKind.available) func aClaimedSourceIsLeftToItsHolderUntilTheLeaseExpires(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register(sources)
            #expect(try claim(store, for: "scanner a", at: now) == ids)
            #expect(try claim(store, for: "scanner b", at: now.addingTimeInterval(119)).isEmpty)
            // Scanner a was killed and renewed nothing: its sources come back when its leases run out.
            #expect(try claim(store, for: "scanner b", at: now.addingTimeInterval(120)) == ids)
        }
    }

    @Test(arguments: StoreKind.available) func aHolderTakesItsOwnLeasesAgain(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register(sources)
            #expect(try claim(store, for: "sole scanner", at: now) == ids)
            #expect(try claim(store, for: "sole scanner", at: now.addingTimeInterval(1)) == ids)
        }
    }

    @Test(arguments: StoreKind.available) func writingAFetchStateEndsTheLeaseAndTheClaimSeesTheStateAsStoredNow(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register(sources)
            #expect(try claim(store, for: "scanner a", at: now) == ids)
            let fetched = FetchState(sourceID: sources[1].id, currentURL: sources[1].url, lastFetchedAt: now.addingTimeInterval(5),
                                     nextDueAt: now.addingTimeInterval(1800))
            try store.save(fetched)
            let later = now.addingTimeInterval(10)
            let claimed = try store.claim(ids, for: "scanner b", until: later.addingTimeInterval(120), at: later) { stored in
                #expect(stored == fetched, "only the source whose lease ended is offered, as it is stored now")
                return stored.nextDueAt.map { $0 <= later } ?? true
            }
            #expect(claimed.isEmpty, "fetched by scanner a, it is not due again before its interval")
        }
    }

    @Test(arguments: StoreKind.available) func aLeaseThatExpiredAndWasClaimedByAnotherCannotBeRenewed(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register(sources)
            #expect(try claim(store, for: "scanner a", at: now) == ids)
            #expect(try store.renewLease(on: ids[0], of: "scanner a", until: now.addingTimeInterval(200)))
            // Scanner a stalled past its other leases; scanner b claimed those sources.
            #expect(try claim(store, for: "scanner b", at: now.addingTimeInterval(150)) == Array(ids.dropFirst()))
            #expect(try !store.renewLease(on: ids[1], of: "scanner a", until: now.addingTimeInterval(300)))
            #expect(try store.renewLease(on: ids[0], of: "scanner a", until: now.addingTimeInterval(300)))
        }
    }

    @Test(arguments: StoreKind.available) func renewingKeepsTheLeasesAndReleasingEndsThem(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let store = try Store(location: location)
            try store.register(sources)
            #expect(try claim(store, for: "scanner a", at: now) == ids)
            #expect(try store.renewLeases(of: "scanner a", until: now.addingTimeInterval(300)) == 4)
            #expect(try claim(store, for: "scanner b", at: now.addingTimeInterval(200)).isEmpty)
            try store.releaseLeases(of: "scanner a")
            #expect(try store.renewLeases(of: "scanner a", until: now.addingTimeInterval(400)) == 0)
            #expect(try claim(store, for: "scanner b", at: now.addingTimeInterval(200)) == ids)
        }
    }

    /// Two scanners, each with its own connection, claim the same list in small batches at the
    /// same time: on PostgreSQL rows being claimed by one are passed over by the other.
    @Test(arguments: StoreKind.available) func twoScannersClaimingAtOnceNeverGetTheSameSource(_ kind: StoreKind) async throws {
        try await withTemporaryStore(kind) { location in
            let many = (1...200).map { Source(url: URL(string: "https://site\($0).example/feed")!, kind: .feed, title: "Site \($0)") }
            try Store(location: location).register(many)
            let now = self.now
            let claimed = try await withThrowingTaskGroup(of: [SourceID].self) { group in
                for holder in ["scanner a", "scanner b"] {
                    let storage = StorageQueue(store: try Store(location: location))
                    group.addTask {
                        var mine: [SourceID] = []
                        for start in stride(from: 0, to: many.count, by: 5) {
                            let batch = many[start..<start + 5].map(\.id)
                            mine += try await storage.perform { store in
                                try store.claim(batch, for: holder, until: now.addingTimeInterval(120), at: now, where: { _ in true })
                                    .map(\.sourceID)
                            }
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [[SourceID]]()) { $0.append($1) }
            }
            #expect(Set(claimed[0]).isDisjoint(with: claimed[1]))
            #expect(Set(claimed[0] + claimed[1]) == Set(many.map(\.id)))
        }
    }
}
