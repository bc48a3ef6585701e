import Testing
@testable import OmzienCore

/// Differencing between the published views: a filtered view must not reveal, by subtraction from a wider
/// view, a count the rule would hide.
@Suite struct NestedViewTests {
    static let rule = SuppressionRule()
    static let day = Int32(CivilDate(year: 2026, month: 3, day: 2)!.dayNumber)
    static let year = EvaluationScope(period: .year(2026), asOf: CivilDate(year: 2026, month: 12, day: 31)!)
    static func band(_ band: AgeBand) -> UInt8 { UInt8(AgeBand.allCases.firstIndex(of: band)!) }

    /// Signals from residents in 2026: `count` per (district, team, age band).
    static func facts(_ groups: [(district: Int16, band: AgeBand, count: Int)], pairs: [(district: Int16, change: Int)] = []) -> EvaluationFacts {
        var facts = EvaluationFacts()
        facts.districts = ["Noord", "Zuid", "Oost"]
        facts.districtIDs = ["D1", "D2", "D3"]
        facts.teams = ["T1", "T2", "T3"]
        facts.sources = EvaluationFigures.Order.sources
        facts.relations = EvaluationFigures.Order.routes
        var person: Int32 = 0
        for group in groups {
            for _ in 0..<group.count {
                facts.signals.append(.init(receivedDay: day, district: group.district, team: group.district, ageBand: band(group.band), source: 0,
                                           relation: 0, status: UInt8(SignalStatus.allCases.firstIndex(of: .consented)!), person: person,
                                           known: 0, contactDueDay: day + 7, firstContactDay: day + 2, planDay: EvaluationFacts.none))
                person += 1
            }
        }
        for (district, change) in pairs {
            facts.trajectories.append(.init(startedDay: day, closedDay: day + 90, isOpen: false, direct: false,
                                            place: .init(district: district, team: district, ageBand: band(.from75to84)),
                                            pair: ScorePair(version: .eleven, before: 8, after: 8 + change)))
        }
        return facts
    }

    static func scope(district: Int16? = nil, team: Int16? = nil, band: AgeBand? = nil) -> EvaluationScope {
        var scope = year
        scope.district = district
        scope.team = team
        scope.ageBand = band.map(Self.band)
        return scope
    }

    @Test func aDistrictNearlyAsLargeAsTheMunicipalityHidesItsCount() {
        // Zuid's 4 are hidden in the municipality's view, and Noord with them; the total 34 is shown.
        let facts = Self.facts([(0, .from75to84, 30), (1, .from75to84, 4)])
        let whole = facts.figures(Self.year, rule: Self.rule)
        #expect(whole.table("reach_overview")?.value("signals", "count") == .count(34))
        #expect(whole.table("reach_district")?.rows.first { $0.label == "Zuid" }?.values == [.hidden])
        // Noord alone would show 30, and 34 − 30 is Zuid's 4: the Noord view hides it wherever it appears.
        let noord = facts.figures(Self.scope(district: 0), rule: Self.rule)
        #expect(noord.table("reach_overview")?.value("signals", "count") == .hidden)
        #expect(noord.table("reach_source")?.value("total", "signals") == .hidden)
        #expect(noord.table("reach_district")?.value("total", "count") == .hidden)
        #expect(noord.headline.signals == nil)
        // Without the wider view it would have been shown: the count itself is not small.
        let alone = EvaluationFigures(counts: facts.counts(Self.scope(district: 0)), period: .year(2026), districts: facts.districts)
        #expect(alone.table("reach_overview")?.value("signals", "count") == .count(30))
        // Zuid's own view has a small count anyway; a district far from the total stays visible.
        let balanced = Self.facts([(0, .from75to84, 30), (1, .from75to84, 14)])
        #expect(balanced.figures(Self.scope(district: 0), rule: Self.rule).table("reach_overview")?.value("signals", "count") == .count(30))
    }

    @Test func aViewIsCheckedAgainstEveryWiderViewNotOnlyTheWholeMunicipality() {
        // Noord: 25 aged 75–84 and 4 aged 85+ (hidden in Noord's age table); Zuid: 20 aged 75–84.
        let facts = Self.facts([(0, .from75to84, 25), (0, .over85, 4), (1, .from75to84, 20)])
        let noord = facts.figures(Self.scope(district: 0), rule: Self.rule)
        #expect(noord.table("reach_overview")?.value("signals", "count") == .count(29))
        #expect(noord.table("reach_age")?.value(AgeBand.over85.rawValue, "count") == .hidden)
        // 75–84 in Noord: 25, against 49 in the municipality — but 29 − 25 = 4 in Noord's view.
        let both = facts.figures(Self.scope(district: 0, band: .from75to84), rule: Self.rule)
        #expect(both.table("reach_overview")?.value("signals", "count") == .hidden)
        #expect(both.table("reach_district")?.value("total", "count") == .hidden)
    }

    @Test func aBreakdownThatWouldGiveAwayANeighbourHidesTheDistrictsTotal() {
        // Noord: 25 aged 75–84 and 4 aged 85+; Zuid: 20 aged 85+. Zuid's view alone would say its 20 are all
        // 85+, and the municipality's 24 aged 85+ minus those is Noord's 4. So Zuid's 85+ goes, with its total,
        // and Noord's total with it (or 49 − 29 would give Zuid back).
        let facts = Self.facts([(0, .from75to84, 25), (0, .over85, 4), (1, .over85, 20)])
        let views = PublishedViews(facts: facts, period: .year(2026), asOf: Self.year.asOf, rule: Self.rule)
        #expect(views.figures(Self.year).table("reach_age")?.value(AgeBand.over85.rawValue, "count") == .count(24))
        let zuid = views.figures(Self.scope(district: 1))
        #expect(zuid.table("reach_age")?.value(AgeBand.over85.rawValue, "count") == .hidden)
        #expect(zuid.table("reach_overview")?.value("signals", "count") == .hidden)
        #expect(views.figures(Self.scope(district: 0)).table("reach_overview")?.value("signals", "count") == .hidden)
        #expect(views.figures(Self.year).table("reach_overview")?.value("signals", "count") == .count(49))
    }

    @Test func theMeanChangeOfAFewPeopleOutsideTheFilterCannotBeWorkedOut() {
        // Twelve measured in Noord, three in Zuid: from both means and both sizes Zuid's mean would follow.
        let pairs = Array(repeating: (district: Int16(0), change: -3), count: 12) + Array(repeating: (district: Int16(1), change: 1), count: 3)
        let facts = Self.facts([(0, .from75to84, 30), (1, .from75to84, 30)], pairs: pairs)
        let whole = facts.figures(Self.year, rule: Self.rule)
        #expect(whole.table("effects_overall")?.value(DJGVersion.eleven.rawValue, "n") == .count(15))
        let noord = facts.figures(Self.scope(district: 0), rule: Self.rule)
        #expect(noord.table("effects_overall")?.value(DJGVersion.eleven.rawValue, "n") == .hidden)
        #expect(noord.table("effects_overall")?.value(DJGVersion.eleven.rawValue, "mean_change") == FigureValue.none)
        // Noord's only group would carry the same figures; it is withheld with the overall row.
        #expect(noord.table("effects_district")?.rows.first { $0.label == "Noord" }?.values.first == .hidden)
        #expect(noord.headline.meanChange == nil)
    }

    @Test func noShownCountDiffersFromAWiderViewBySmallAmount() {
        var random = SplitMix(seed: 11)
        let bands: [AgeBand] = [.from65to74, .from75to84, .over85]
        for _ in 0..<60 {
            var groups: [(district: Int16, band: AgeBand, count: Int)] = []
            for district in Int16(0)..<3 {
                for band in bands { groups.append((district, band, Int(random.next() % 4 == 0 ? random.next() % 8 : random.next() % 30))) }
            }
            let pairs = (0..<Int(random.next() % 40)).map { _ in (district: Int16(random.next() % 3), change: Int(random.next() % 7) - 4) }
            let facts = Self.facts(groups, pairs: pairs)
            let district = Int16(random.next() % 3), band = bands[Int(random.next() % 3)]
            let published = PublishedViews(facts: facts, period: .year(2026), asOf: Self.year.asOf, rule: Self.rule)
            let views = [Self.year, Self.scope(district: district), Self.scope(band: band), Self.scope(district: district, band: band)]
                .map(published.figures)
            // Each view against each wider one: district ⊂ all, band ⊂ all, both ⊂ district, band and all.
            for (narrow, wide) in [(1, 0), (2, 0), (3, 0), (3, 1), (3, 2)] {
                for table in views[narrow].tables {
                    guard let other = views[wide].table(table.id) else { continue }
                    for row in table.rows {
                        guard let otherRow = other.rows.first(where: { $0.identity == row.identity }) else { continue }
                        for index in table.columns.indices {
                            if case .count(let part) = row.values[index], case .count(let whole) = otherRow.values[index] {
                                #expect(!Self.rule.isSmall(whole - part), "\(table.id) \(row.identity) \(table.columns[index]): \(whole) − \(part)")
                            }
                        }
                    }
                }
            }
        }
    }
}

extension NestedViewTests {
    @Test func aDistrictViewKeepsTheCellTheMunicipalityHidToProtectANeighbour() {
        // Oost's 3 are hidden in the municipality's district table, and Zuid's 17 with them (the smallest partner).
        let pairs = Array(repeating: (district: Int16(0), change: -3), count: 12) + Array(repeating: (district: Int16(1), change: -2), count: 11)
            + Array(repeating: (district: Int16(2), change: 1), count: 3)
        let facts = Self.facts([(0, .from75to84, 30), (1, .from75to84, 17), (2, .from75to84, 3)], pairs: pairs)
        let whole = facts.figures(Self.year, rule: Self.rule)
        let district = { (figures: EvaluationFigures, name: String) in figures.table("reach_district")?.rows.first { $0.label == name }?.values }
        #expect(district(whole, "Zuid") == [.hidden] && district(whole, "Oost") == [.hidden] && district(whole, "Noord") == [.count(30)])
        // Zuid on its own is 17 signals, 50 − 17 is far from small — but showing it would give away Oost: 50 − 30 − 17.
        let zuid = facts.figures(Self.scope(district: 1), rule: Self.rule)
        for cell in EvaluationFacts.signalTotals {
            #expect(zuid.table(cell.table)?.value(cell.row, cell.column) == .hidden, "\(cell)")
        }
        #expect(district(zuid, "Zuid") == [.hidden])
        // The same for the effects: the municipality withholds Zuid's 11 pairs beside Oost's 3.
        #expect(whole.table("effects_district")?.rows.first { $0.label == "Zuid" }?.values.first == .hidden)
        #expect(zuid.table("effects_overall")?.value(DJGVersion.eleven.rawValue, "n") == .hidden)
        #expect(zuid.table("effects_district")?.rows.first { $0.label == "Zuid" }?.values.first == .hidden)
        // Noord stays: 50 − 30 leaves Zuid and Oost together.
        let noord = facts.figures(Self.scope(district: 0), rule: Self.rule)
        #expect(noord.table("reach_overview")?.value("signals", "count") == .count(30))
        #expect(noord.table("effects_overall")?.value(DJGVersion.eleven.rawValue, "n") == .count(12))
    }

    @Test func theDistrictViewsTogetherNeverLeaveOneSmallRemainder() {
        var random = SplitMix(seed: 23)
        for _ in 0..<80 {
            let groups = (Int16(0)..<3).map { (district: $0, band: AgeBand.from75to84, count: Int(random.next() % 3 == 0 ? random.next() % 8 : random.next() % 40)) }
            let facts = Self.facts(groups)
            let published = PublishedViews(facts: facts, period: .year(2026), asOf: Self.year.asOf, rule: Self.rule)
            let whole = published.figures(Self.year)
            guard case .count(let total) = whole.table("reach_overview")?.value("signals", "count") else { continue }
            // What a reader can subtract: the total minus every district view that shows its signals.
            var remainder = total, hiddenViews = 0
            for district in Int16(0)..<3 {
                let view = published.figures(Self.scope(district: district))
                if case .count(let n) = view.table("reach_overview")?.value("signals", "count") { remainder -= n } else { hiddenViews += 1 }
            }
            if hiddenViews == 1 { #expect(!Self.rule.isSmall(remainder), "one hidden district view is worked out as \(remainder): \(groups.map(\.count))") }
            if hiddenViews == 0 { #expect(remainder == 0) }
        }
    }
}

/// The one-filter views of a period protected together: the municipality's cell is the sum of the districts'.
@Suite struct ViewFamilyTests {
    static let rule = SuppressionRule()

    /// Signals per district as (residents, self-reports).
    static func facts(_ districts: [(resident: Int, own: Int)]) -> EvaluationFacts {
        var facts = NestedViewTests.facts(districts.enumerated().map { (district: Int16($0.offset), band: AgeBand.from75to84, count: $0.element.resident + $0.element.own) })
        let own = UInt8(facts.sources.firstIndex(of: "self")!)
        for (district, split) in districts.enumerated() {
            let first = facts.signals.firstIndex { $0.district == Int16(district) } ?? 0
            for index in first..<(first + split.own) { facts.signals[index].source = own }
        }
        return facts
    }

    static func value(_ figures: EvaluationFigures, _ row: String, _ column: String = "signals") -> FigureValue? {
        figures.table("reach_source")?.value(row, column)
    }

    @Test func theLastDistrictCannotBeWorkedOutFromTheOthers() {
        // Residents: Noord 30, Zuid 17, Oost 3 — the municipality shows 50, so Noord and Zuid would give Oost away.
        let facts = Self.facts([(30, 20), (17, 20), (3, 20)])
        let views = PublishedViews(facts: facts, period: .year(2026), asOf: NestedViewTests.year.asOf, rule: Self.rule)
        let whole = views.figures(NestedViewTests.year)
        let district = { (index: Int16) in views.figures(NestedViewTests.scope(district: index)) }
        #expect(Self.value(whole, "resident") == .count(50))
        #expect(Self.value(district(2), "resident") == .hidden)
        // Zuid (the smallest shown) is hidden with it, and within Zuid's view its self-reports protect that in turn.
        #expect(Self.value(district(1), "resident") == .hidden && Self.value(district(1), "self") == .hidden)
        #expect(Self.value(district(0), "resident") == .count(30) && Self.value(district(0), "self") == .count(20))
        // Asked one view at a time, the answer is the same.
        #expect(facts.figures(NestedViewTests.scope(district: 1), rule: Self.rule) == district(1))
    }

    @Test func noDistrictIsTheOnlyHiddenCellOfItsLine() {
        var random = SplitMix(seed: 31)
        var checked = 0
        for _ in 0..<60 {
            let split = (0..<3).map { _ in (resident: Int(random.next() % 3 == 0 ? random.next() % 9 : random.next() % 40),
                                          own: Int(random.next() % 3 == 0 ? random.next() % 9 : random.next() % 40)) }
            let facts = Self.facts(split)
            let views = PublishedViews(facts: facts, period: .year(2026), asOf: NestedViewTests.year.asOf, rule: Self.rule)
            let whole = PublishedViews.cells(views.figures(NestedViewTests.year).tables)
            let districts = (Int16(0)..<3).map { views.figures(NestedViewTests.scope(district: $0)) }
            for (cell, total) in whole where PublishedViews.isAdditive(cell) {
                var visible = 0, hidden = 0
                for view in districts {
                    if PublishedViews.isHidden(cell, in: view) { hidden += 1 } else { visible += PublishedViews.cells(view.tables)[cell] ?? 0 }
                }
                // Every signal has a district here, so what the shown districts leave is the hidden ones' sum.
                if hidden == 1 { #expect(!Self.rule.isSmall(total - visible), "\(cell) of \(split): \(total) − \(visible)") }
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }
}
