/// Does the offer still fit? (seed 000 §8.3, seed 001): the social map against the forms of loneliness,
/// the intervention profiles, the risk groups and the districts, with the demand beside it.
public enum Coverage {
    /// A risk group (concepts.md, "Risk groups") and the words by which an activity's "for whom" names it.
    public struct RiskGroup: Sendable, Equatable {
        public var key: String
        public var words: [String]
        public var minimumAgeFrom: Int?
        public var maximumAgeTo: Int?

        /// Whether the activity is aimed at this group (by its "for whom", or by its age limits).
        public func isReached(by activity: CatalogueActivity) -> Bool {
            let groups = (activity.targetGroups + activity.conditions + activity.lifeEvents).map { $0.lowercased() }
            if groups.contains(where: { group in words.contains { group.contains($0) } }) { return true }
            if let from = minimumAgeFrom, let minimum = activity.minimumAge, minimum >= from { return true }
            if let to = maximumAgeTo, let maximum = activity.maximumAge, maximum <= to { return true }
            return false
        }
    }

    /// The identifiable risk groups of seeds 000 and 001 (older people, carers, newcomers, young adults, …).
    public static let riskGroups: [RiskGroup] = [
        RiskGroup(key: "older", words: ["ouder", "senior", "75+", "65+"], minimumAgeFrom: 55),
        RiskGroup(key: "carers", words: ["mantelzorg"]),
        RiskGroup(key: "newcomers", words: ["nieuwkomer", "migrant", "statushouder", "anderstalig"]),
        RiskGroup(key: "young", words: ["jongere", "jongvolwassen", "student"], maximumAgeTo: 30),
        RiskGroup(key: "bereaved", words: ["rouw", "overleden", "weduw"]),
        RiskGroup(key: "chronically_ill", words: ["chronisch", "ziek"]),
        RiskGroup(key: "disability", words: ["beperking", "beperkt", "handicap"]),
        RiskGroup(key: "psychiatric", words: ["psychisch", "psychiatr", "ggz"]),
        RiskGroup(key: "dementia", words: ["dementie", "geheugen"]),
        RiskGroup(key: "poverty", words: ["armoede", "minima", "schulden"]),
        RiskGroup(key: "low_literacy", words: ["laaggeletterd", "taal"]),
        RiskGroup(key: "homeless", words: ["dakloos", "thuisloos", "dak- en thuis"]),
        RiskGroup(key: "lgbti", words: ["lhbti", "lhbt", "roze"]),
        RiskGroup(key: "living_alone", words: ["alleenwonend", "alleenstaand"]),
    ]

    public struct District: Sendable, Equatable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// What people ask of the offer now: active trajectories by form and profile, open referrals per
    /// activity, and people waiting for a volunteer per district against the volunteers' free places.
    public struct Demand: Sendable, Equatable {
        public var peopleByForm: [String: Int] = [:]
        public var peopleByProfile: [String: Int] = [:]
        public var openReferralsByActivity: [String: Int] = [:]
        /// District name → people waiting for a volunteer ("unknown" when the district is not known).
        public var waitingForVolunteerByDistrict: [String: Int] = [:]
        /// District name → free coupling places of volunteers who serve it (volunteers serving anywhere count everywhere).
        public var volunteerPlacesByDistrict: [String: Int] = [:]
        public init() {}
    }

    /// The coverage tables: forms, profiles and risk groups against districts (activities that reach each
    /// cell; a row that nothing reaches somewhere is flagged), demand against capacity per activity, and
    /// volunteer places per district.
    public static func tables(activities: [CatalogueActivity], districts: [District], demand: Demand, rule: SuppressionRule) -> [FigureTable] {
        let offered = activities.filter { $0.status == .active }
        let forms = LonelinessForm.allCases.map { form in
            (key: form.rawValue, reaches: { (a: CatalogueActivity) in a.lonelinessForms.contains(form) }, demand: demand.peopleByForm[form.rawValue])
        }
        let profiles = InterventionProfile.allCases.map { profile in
            (key: profile.rawValue, reaches: { (a: CatalogueActivity) in a.profiles.contains(profile) }, demand: demand.peopleByProfile[profile.rawValue])
        }
        let groups = riskGroups.map { group in (key: group.key, reaches: { (a: CatalogueActivity) in group.isReached(by: a) }, demand: Int?.none) }
        return [
            grid("coverage_form", rows: forms, activities: offered, districts: districts, rule: rule),
            grid("coverage_profile", rows: profiles, activities: offered, districts: districts, rule: rule),
            grid("coverage_risk_group", rows: groups, activities: offered, districts: districts, rule: rule),
            capacity(offered, demand: demand, rule: rule),
            volunteers(districts: districts, demand: demand, rule: rule),
        ]
    }

    /// Whether the activity can be reached from the district (city-wide activities reach every district).
    static func serves(_ activity: CatalogueActivity, _ district: District) -> Bool {
        activity.districtIDs.map { $0.isEmpty || $0.contains(district.id) } ?? true
    }

    static func grid(_ id: String, rows: [(key: String, reaches: (CatalogueActivity) -> Bool, demand: Int?)],
                     activities: [CatalogueActivity], districts: [District], rule: SuppressionRule) -> FigureTable {
        let hasDemand = rows.contains { $0.demand != nil }
        let columns = districts.map { "district:\($0.name)" } + ["all"] + (hasDemand ? ["people"] : [])
        let labels: [String?] = districts.map(\.name) + [nil] + (hasDemand ? [nil] : [])
        let figureRows = rows.map { row -> FigureRow in
            let suiting = activities.filter(row.reaches)
            let perDistrict = districts.map { district in suiting.filter { serves($0, district) }.count }
            var values = perDistrict.map(FigureValue.count) + [.count(suiting.count)]
            if hasDemand {
                let people = row.demand ?? 0
                values.append(rule.isSmall(people) ? .hidden : .count(people))
            }
            return FigureRow(key: row.key, values: values, flagged: perDistrict.contains(0) || suiting.isEmpty)
        }
        return FigureTable(id: id, section: .coverage, kind: .grid, columns: columns, rows: figureRows, columnLabels: labels)
    }

    /// Activities with a known number of places: places against open referrals plus the waiting list.
    static func capacity(_ activities: [CatalogueActivity], demand: Demand, rule: SuppressionRule) -> FigureTable {
        let rows = activities.filter { $0.capacity != nil }.map { activity -> FigureRow in
            let places = activity.capacity ?? 0
            let referred = demand.openReferralsByActivity[activity.id] ?? 0
            let asked = referred + activity.waitingList
            return FigureRow(key: "activity", label: activity.name,
                             values: [.count(places), rule.isSmall(referred) ? .hidden : .count(referred), .count(activity.waitingList)],
                             flagged: asked > places)
        }
        .sorted { ($0.flagged ? 0 : 1, $0.label ?? "") < ($1.flagged ? 0 : 1, $1.label ?? "") }
        return FigureTable(id: "coverage_capacity", section: .coverage, kind: .counts,
                           columns: ["places", "referred_open", "waiting_list"], rows: rows)
    }

    /// People waiting per district add up to everyone waiting (shown elsewhere), so they are protected as a partition.
    static func volunteers(districts: [District], demand: Demand, rule: SuppressionRule) -> FigureTable {
        let names = districts.map(\.name) + (demand.waitingForVolunteerByDistrict["unknown"].map { _ in ["unknown"] } ?? [])
        let waiting = names.map { (key: $0, count: demand.waitingForVolunteerByDistrict[$0] ?? 0) }
        let protected = CountTable.suppressing(waiting, total: waiting.reduce(0) { $0 + $1.count }, isPartition: true, rule: rule)
        let rows = names.indices.map { index -> FigureRow in
            let name = names[index]
            let places = demand.volunteerPlacesByDistrict[name] ?? 0
            return FigureRow(key: name == "unknown" ? "unknown" : "district", label: name == "unknown" ? nil : name,
                             values: [.of(protected.rows[index].count), .count(places)], flagged: waiting[index].count > places)
        }
        return FigureTable(id: "coverage_volunteers", section: .coverage, kind: .counts, columns: ["waiting_now", "free_places"], rows: rows)
    }
}
