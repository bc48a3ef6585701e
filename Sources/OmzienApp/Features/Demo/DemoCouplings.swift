import Foundation
import OmzienCore

/// Fictional volunteers and a waiting list, so the coupling proposal has something to work on:
/// fifteen volunteers (two of them blocked: an expired certificate, no training) and 22 people waiting.
enum DemoCouplings {
    static let volunteerNames: [(String, Gender)] = [
        ("Joke Hendriks", .woman), ("Ahmet Yilmaz", .man), ("Marieke Bos", .woman), ("Kees de Wit", .man), ("Ingrid Smit", .woman),
        ("Youssef Amrani", .man), ("Els Vos", .woman), ("Bart Kramer", .man), ("Lotte Dijkstra", .woman), ("Hans Postma", .man),
        ("Sevda Kaya", .woman), ("Wim Jonker", .man), ("Nienke Visser", .woman), ("Piet Brouwer", .man),
    ]
    static let personNames: [(String, Gender)] = [
        ("Gerda Hoekstra", .woman), ("Johan Veenstra", .man), ("Riek Zijlstra", .woman), ("Albert de Boer", .man), ("Hennie Kuipers", .woman),
        ("Mustafa Demir", .man), ("Aaltje Wiersma", .woman), ("Sjoerd Bakker", .man), ("Dina Meijer", .woman), ("Klaas Prins", .man),
        ("Tine Koster", .woman), ("Jan Mulder", .man), ("Fenna Dekker", .woman), ("Harm Schouten", .man), ("Betsy Vermeulen", .woman),
        ("Ali Öztürk", .man), ("Grietje Huisman", .woman), ("Roelof Kok", .man), ("Anna Jansen", .woman), ("Wout van Dijk", .man),
        ("Miep Boersma", .woman), ("Teun Hofstra", .man),
    ]

    /// Seeds volunteers (with registry entries) and people waiting, each with a trajectory in team Noord-Oost
    /// (the demo professional's), a goal for a volunteer and a request.
    static func seed(into services: AppServices, municipalityID: UUID, teamID: UUID, professionalID: UUID, volunteerOrganisation: UUID?,
                     passwordHash: String) async throws {
        let today = services.clock.today
        let districts = try await services.organisations.districts(municipalityID: municipalityID).sorted { $0.name < $1.name }
        var generator = SeededGenerator(seed: 2026)
        let interests = Interest.allCases
        func pick<T>(_ values: [T], _ count: Int) -> [T] { Array(values.shuffled(using: &generator).prefix(count)) }
        func slots(_ count: Int) -> Set<Slot> { Set(pick(Slot.all.filter { $0.day <= 6 && $0.part != .evening }, count)) }

        var volunteers: [(UUID, Gender)] = []
        if let vera = try await services.users.user(email: "volunteer@lindewaard.example") { volunteers.append((vera.id, .woman)) }
        for (index, (name, gender)) in volunteerNames.enumerated() {
            let user = try await services.users.save(
                UserDraft(email: String(format: "vrijwilliger%02d@lindewaard.example", index + 1), name: name, role: .volunteer,
                          organisationID: volunteerOrganisation), municipalityID: municipalityID)
            try await services.users.setPasswordHash(passwordHash, userID: user.id)
            volunteers.append((user.id, gender))
        }
        for (index, (id, gender)) in volunteers.enumerated() {
            var details = VolunteerDetails()
            details.intakeOn = today.adding(days: -30 - index * 11)
            details.vogOn = today.adding(days: -40 - index * 11)
            // Two volunteers are blocked on purpose so the coordinator's list shows why.
            details.vogExpiresOn = index == 13 ? today.adding(days: -20) : today.adding(days: 300 + index * 20)
            details.trainingDone = index != 14
            details.interests = Set(pick(interests, 3 + index % 3))
            details.languages = index % 5 == 1 ? ["nl", "tr"] : index % 7 == 5 ? ["nl", "ar"] : ["nl"]
            details.availability = slots(3 + index % 4)
            details.districts = index % 3 == 0 ? nil : Set(pick(districts, 2).map(\.id))
            details.gender = gender
            details.maxCouplings = index % 4 == 0 ? 2 : 1
            details.travel = index % 3 == 0 ? .car : .bike
            details.phone = String(format: "06-1234%04d", index)
            try await services.couplings.saveVolunteer(userID: id, municipalityID: municipalityID, details)
        }

        for (index, (name, gender)) in personNames.enumerated() {
            let district = districts[index % districts.count]
            let postcode = (district.postcodeRanges.split(separator: "-").first.map(String.init) ?? "9401") + " AB"
            let birthYear = today.year - 68 - index % 20
            let person = try await services.signals.createPerson(
                municipalityID: municipalityID, teamID: teamID, name: name, birthYear: birthYear,
                ageBand: AgeBand.of(birthYear: birthYear, in: today.year), postcode: postcode, houseNumber: "\(index + 1)",
                phone: String(format: "0590-55%04d", index), consent: .verbal, on: today.adding(days: -200), recordedBy: professionalID)
            let trajectory = try await services.trajectories.start(
                municipalityID: municipalityID, personID: person.id, teamID: teamID, professionalID: professionalID, signalID: nil,
                on: today.adding(days: -190 + index), by: professionalID)
            let wish = pick(interests, 2)
            try await services.trajectories.addGoal(
                trajectory.id, description: index % 2 == 0 ? "Eén keer per week samen iets leuks doen" : "Iemand om mee te praten en naar buiten te gaan",
                resource: .volunteer,
                dueOn: nil, agreed: true)
            let request = CouplingRequest(
                id: UUID(), municipalityID: municipalityID, trajectoryID: trajectory.id, interests: Set(wish),
                languages: index % 6 == 5 ? ["tr"] : ["nl"], availability: slots(2 + index % 3), gender: gender,
                preferredVolunteerGender: index % 5 == 0 ? gender : nil, prefersOtherDistrict: index % 8 == 3, excluded: [], note: "",
                waitingSince: today.adding(days: -(7 + index * 13)), status: .waiting)
            _ = try await services.couplings.addRequest(trajectory: trajectory, hopes: request, createdBy: professionalID)
            try await services.consents.record(personID: person.id, purpose: .coupling, recipient: nil, form: .verbal,
                                               on: request.waitingSince, expiresOn: nil, by: professionalID)
        }
    }
}

/// A small deterministic generator so the demo looks the same every time.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        // SplitMix64.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
