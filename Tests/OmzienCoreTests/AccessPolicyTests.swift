import Testing
@testable import OmzienCore

@Suite struct AccessPolicyTests {
    let home = "gm-a"
    let other = "gm-b"

    func actor(_ role: Role, team: String? = nil, regional: Set<String> = [], active: Bool = true) -> Actor {
        Actor(userID: "u1", role: role, municipalityID: home, teamID: team, regionalMunicipalityIDs: regional, isActive: active)
    }

    @Test(arguments: Role.allCases)
    func everyRoleMayUseOwnAccount(role: Role) {
        #expect(AccessPolicy.decide(actor(role), .useOwnAccount) == .allow)
    }

    @Test(arguments: Role.allCases.filter { $0 != .admin })
    func onlyAdminsAdminister(role: Role) {
        #expect(AccessPolicy.decide(actor(role), .administerOrganisation) == .deny(.roleLacksPermission))
        #expect(AccessPolicy.decide(actor(role), .readAuditTrail) == .deny(.roleLacksPermission))
        #expect(AccessPolicy.decide(actor(.admin), .administerOrganisation) == .allow)
    }

    @Test func recordsInAnotherMunicipalityAreRefused() {
        let scope = RecordScope(municipalityID: other)
        #expect(AccessPolicy.decide(actor(.admin), .administerOrganisation, on: scope) == .deny(.otherMunicipality))
        #expect(AccessPolicy.decide(actor(.admin), .administerOrganisation, on: RecordScope(municipalityID: home)) == .allow)
    }

    @Test func regionalGrantOpensExactlyTheGrantedMunicipality() {
        let regional = actor(.admin, regional: [other])
        #expect(AccessPolicy.decide(regional, .administerOrganisation, on: RecordScope(municipalityID: other)) == .allow)
        #expect(AccessPolicy.decide(regional, .administerOrganisation, on: RecordScope(municipalityID: "gm-c")) == .deny(.otherMunicipality))
    }

    @Test func professionalsAreScopedToTheirTeam() {
        let pro = actor(.professional, team: "t1")
        #expect(AccessPolicy.decide(pro, .useOwnAccount, on: RecordScope(municipalityID: home, teamID: "t1")) == .allow)
        #expect(AccessPolicy.decide(pro, .useOwnAccount, on: RecordScope(municipalityID: home, teamID: "t2")) == .deny(.otherTeam))
        // A coordinator sees every team of the municipality.
        #expect(AccessPolicy.decide(actor(.coordinator), .useOwnAccount, on: RecordScope(municipalityID: home, teamID: "t2")) == .allow)
    }

    @Test func inactiveAccountsAreRefusedEverything() {
        for permission in Permission.allCases {
            #expect(AccessPolicy.decide(actor(.admin, active: false), permission) == .deny(.inactiveAccount))
        }
    }

    @Test func onlyAnalystsAndSignalersAreSparedMandatoryTwoFactor() {
        #expect(Set(Role.allCases.filter { !$0.seesPersonalData }) == [.analyst, .signaler])
    }
}
