import AtbalstsCore
import Foundation
import Testing

@testable import Pipeline

/// The item ids the code names exist in the seed instrument, and a multi-select item's option
/// slots come from one method (Instrument.multiSelect).
struct ItemIDTests {
    static func instrument() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    @Test func everyNamedItemIsInTheSeedInstrument() throws {
        let instrument = try Self.instrument()
        let ids = Set(instrument.items.map(\.id))
        let groups = Set(instrument.items.map(\.group))
        for id in [
            ItemID.supportForms, ItemID.barriers, ItemID.learningAreas, ItemID.role, ItemID.experience,
            ItemID.comment, ItemID.stress, ItemID.afterHours,
        ] {
            #expect(ids.contains(id), "\(id)")
        }
        for group in [ItemID.who5, ItemID.cbi, ItemID.stressSource, ItemID.needGroup] {
            #expect(groups.contains(group), "\(group)")
        }
    }

    /// The slots are the ones named `<item>__<option>`, in option order, found independently here
    /// by name.
    @Test(arguments: [ItemID.supportForms, ItemID.barriers, ItemID.learningAreas])
    func aMultiSelectAndItsOptionSlots(itemID: String) throws {
        let instrument = try Self.instrument()
        let multi = try #require(instrument.multiSelect(itemID))
        guard case .multi(let options) = try #require(instrument.item(itemID)).kind else {
            Issue.record("\(itemID) is no multi-select")
            return
        }
        #expect(multi.options.map(\.id) == options.map(\.id))
        #expect(Array(multi.slots) == options.map { instrument.slotIndex("\(itemID)__\($0.id)")! })
    }

    @Test func aScaledOrMissingItemIsNoMultiSelect() throws {
        let instrument = try Self.instrument()
        #expect(instrument.multiSelect(ItemID.role) == nil)
        #expect(instrument.multiSelect("no_such_item") == nil)
    }

    /// Every need area has its slot: no sentinel in between.
    @Test func needSlotsAreTheNeedItems() throws {
        let instrument = try Self.instrument()
        #expect(instrument.needSlots.map { instrument.slots[$0].name } == instrument.needAreas.map { ItemID.need($0.id) })
    }
}
