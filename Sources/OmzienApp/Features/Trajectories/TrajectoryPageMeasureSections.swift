import Foundation
import OmzienCore

// Sections of the trajectory page (see `TrajectoryPage`). Each one is a typed view model that draws its own
// part of the page; the ones that need data load it themselves (`load`).

/// Measurements with the De Jong Gierveld scale (listening and reviewing) and what they say.
struct MeasurementSection {
    let measurementForm: FormView?
    let otherScaleLink: String?
    let measurements: [TrajectoryPage.Row]
    let assessmentLines: [String]
    /// The stored measurements, oldest first (the review and the GP prompt use them too).
    let scores: [Measurement]

    static func load(_ page: TrajectoryPageInput, map: NetworkMap, repository: TrajectoryRepository) async throws -> MeasurementSection {
        MeasurementSection(page, scores: try await repository.measurements(page.id), map: map)
    }

    init(_ page: TrajectoryPageInput, scores: [Measurement], map: NetworkMap) {
        let (phase, version, id, t) = (page.phase, page.version, page.id, page.t)
        let form = Self.form(page)
        measurementForm = form
        otherScaleLink = form == nil ? nil
            : Route.trajectory(id, phase: phase, scale: version == .eleven ? .six : .eleven).href
        measurements = scores.map { m in
            TrajectoryPage.Row(cells: [DateText.short(m.onDate, page.language), m.score.version == .eleven ? "DJG-11" : "DJG-6", m.score.total.map(String.init) ?? "—",
                                       m.score.emotional.map(String.init) ?? "—", m.score.social.map(String.init) ?? "—",
                                       m.score.level.map { t("level_\($0.rawValue)") } ?? "—"])
        }
        assessmentLines = Self.assessmentLines(page, latest: scores.last?.score, map: map)
        self.scores = scores
    }

    /// The scale's questions, in listening and reviewing only.
    static func form(_ page: TrajectoryPageInput) -> FormView? {
        let (phase, version, form, errors, id, t, language) = (page.phase, page.version, page.form, page.errors, page.id, page.t, page.language)
        let answerOptions: [(String, String)] = [DJGAnswer.yes, .moreOrLess, .no].map { ($0.rawValue, t("answer_\($0 == .moreOrLess ? "neutral" : $0.rawValue)")) }
        return page.open && (phase == .listen || phase == .review) ? FormView(
            action: .trajectoryMeasurement(id), submitLabel: t("measurement_save"),
            fields: version.items.map { item in
                FieldView(name: "q\(item)", label: "\(item). " + (language == .nl ? DJGItem.item(item).dutch : DJGItem.item(item).english),
                          kind: .radios, error: errors["q\(item)"], options: page.options(answerOptions, [form["q\(item)"]]))
            },
            csrf: page.csrf, intro: t("measurement_intro"),
            hidden: page.hidden(phase) + [.init(name: "version", value: version.rawValue)]) : nil
    }

    /// The profile, the network type (from the latest measurement and the network map) and the first readiness gap.
    static func assessmentLines(_ page: TrajectoryPageInput, latest: DJGScore?, map: NetworkMap) -> [String] {
        let (a, t, renderer, language) = (page.trajectory.assessment, page.t, page.renderer, page.language)
        var assessmentLines: [String] = []
        if let profile = a.profile { assessmentLines.append(t("trajectory_profile") + ": " + t("profile_\(profile.rawValue)")) }
        if let lonely = latest?.isLonely, map.size > 0 {
            let type = NetworkType.classify(networkSize: map.goodContacts, lonely: lonely)
            assessmentLines.append(t("trajectory_network_type") + ": " + t("network_type_\(type.rawValue)")
                                   + " (" + renderer.count("network_good_contacts", map.goodContacts, language) + ")")
        }
        if let gap = a.readiness?.firstGap { assessmentLines.append(renderer.text("readiness_gap", language, t("readiness_\(gap)"))) }
        return assessmentLines
    }
}

extension MeasurementSection {
    /// The scale's questions (listening and reviewing), then the measurements so far.
    func html(_ t: Texts) -> HTML {
        """
        \(measurementForm, { questions($0, t) })
        \(if: !measurements.isEmpty, table(t))
        """
    }

    private func questions(_ form: FormView, _ t: Texts) -> HTML {
        """
        <h3>\(t["measurement_title"])</h3>
        <p><a href="\(otherScaleLink)">\(t["measurement_other_scale"])</a></p>
        \(form.html(t))
        """
    }

    private func table(_ t: Texts) -> HTML {
        """
        <h3 id="metingen">\(t["measurements_title"])</h3>
        <div class="table-wrap"><table><caption class="visually-hidden">\(t["measurements_title"])</caption>
        <thead><tr><th scope="col">\(t["audit_when"])</th><th scope="col">\(t["measurement_scale"])</th><th scope="col">\(t["measurement_total"])</th><th scope="col">\(t["measurement_emotional"])</th><th scope="col">\(t["measurement_social"])</th><th scope="col">\(t["measurement_level"])</th></tr></thead>
        <tbody>\(each: measurements, Self.row)</tbody></table></div>
        <p class="small">\(t["measurement_care"])</p>
        """
    }

    private static func row(_ row: TrajectoryPage.Row) -> HTML {
        "<tr>\(each: row.cells, { "<td>\($0)</td>" })</tr>"
    }

    /// Listening: the profile, the network type and the first readiness gap, when there is any.
    var assessment: HTML {
        "\(if: !assessmentLines.isEmpty, "<ul class=\"assessment\">\(each: assessmentLines, TrajectoryPage.line)</ul>")"
    }
}

/// The network map: the people around the person, what it adds up to, and adding someone.
struct NetworkSection {
    let network: [TrajectoryPage.Item]
    let networkLines: [String]
    let memberForm: FormView?
    let map: NetworkMap

    static func load(_ page: TrajectoryPageInput, repository: TrajectoryRepository) async throws -> NetworkSection {
        NetworkSection(page, members: try await repository.network(page.id))
    }

    init(_ page: TrajectoryPageInput, members: [(UUID, NetworkMap.Member)]) {
        let (id, open, csrf, t, renderer, language) = (page.id, page.open, page.csrf, page.t, page.renderer, page.language)
        let map = NetworkMap(members: members.map(\.1))
        network = members.map { memberID, member in
            TrajectoryPage.Item(
                text: "\(member.name) — \(t("relation_\(member.relation.rawValue)")), \(t("circle_\(member.circle)")), \(t("frequency_\(member.frequency.rawValue)"))"
                    + (member.support.isEmpty ? "" : "; " + NetworkMap.Support.allCases.filter(member.support.contains).map { t("support_\($0.rawValue)") }.joined(separator: ", ")),
                actions: open ? [ActionButton(action: .trajectoryNetworkRemove(id, member: memberID), label: t("remove"), csrf: csrf, danger: false)] : [])
        }
        var networkLines = [renderer.text("network_figures", language, renderer.count("count_people", map.size, language),
                                                String(map.goodContacts), renderer.count("count_relation_kinds", map.variety, language))]
        if !map.supportGaps.isEmpty {
            networkLines.append(t("network_gaps") + ": " + NetworkMap.Support.allCases.filter(map.supportGaps.contains).map { t("support_\($0.rawValue)") }.joined(separator: ", "))
        }
        if map.familyOnly { networkLines.append(t("network_family_only")) }
        self.networkLines = networkLines
        memberForm = Self.form(page)
        self.map = map
    }

    /// Adding someone to the map, while collaborating.
    static func form(_ page: TrajectoryPageInput) -> FormView? {
        let (form, errors, id, t, options) = (page.form, page.errors, page.id, page.t, page.options)
        return page.open && page.phase == .collaborate ? FormView(
            action: .trajectoryNetwork(id), submitLabel: t("network_add"),
            fields: [
                FieldView(name: "member_name", label: t("network_field_name"), value: form["member_name"], hint: t("network_field_name_hint"), error: errors["member_name"]),
                FieldView(name: "relation", label: t("network_field_relation"), kind: .select, error: errors["relation"],
                          options: options([("", t("option_choose"))] + NetworkMap.Relation.allCases.map { ($0.rawValue, t("relation_\($0.rawValue)")) }, [form["relation"]])),
                FieldView(name: "circle", label: t("network_field_circle"), kind: .radios, error: errors["circle"],
                          options: options((1...3).map { (String($0), t("circle_\($0)")) }, [form["circle"]])),
                FieldView(name: "frequency", label: t("network_field_frequency"), kind: .radios, error: errors["frequency"],
                          options: options(NetworkMap.Frequency.allCases.map { ($0.rawValue, t("frequency_\($0.rawValue)")) }, [form["frequency"]])),
                FieldView(name: "support", label: t("network_field_support"), kind: .checkboxes,
                          options: options(NetworkMap.Support.allCases.map { ($0.rawValue, t("support_\($0.rawValue)")) }, Set(form.chosen("support", as: NetworkMap.Support.self).map(\.rawValue))), required: false),
            ],
            csrf: page.csrf) : nil
    }
}

extension NetworkSection {
    /// Collaborating: what the network adds up to, the people in it, adding someone.
    func html(_ t: Texts) -> HTML {
        """
        <h3 id="netwerk">\(t["network_title"])</h3>
        <ul class="network">\(each: networkLines, TrajectoryPage.line)</ul>
        <ul class="items">\(each: network, { $0.html })</ul>
        \(memberForm, { "<h3>\(t["network_add"])</h3>\($0.html(t))" })
        """
    }
}
