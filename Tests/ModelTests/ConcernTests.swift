// Test for Model.
import Testing
@testable import Model
@Suite struct ConcernTests { @Test func severityOrdersSafeguardingFirst() { #expect(Concern.safeguarding < Concern.praise) } }
