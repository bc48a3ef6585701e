import Foundation
import OmzienCore

/// A fictional social map for Lindewaard, drawn from the activities named in interventions.md
/// (seed 001 and others): 34 entries over the districts and the three forms, with schedules and eligibility.
enum DemoCatalogue {
    /// One line of the demo: name, provider key, form, type, evidence, schedule lines, and the rest as a closure.
    struct Entry: Sendable {
        let name: String
        let provider: String
        let form: ActivityForm
        let type: InterventionType
        let evidence: EvidenceLevel
        let description: String
        let schedules: [String]
        var build: @Sendable (inout CatalogueActivity) -> Void = { _ in }
    }

    static let providers: [(key: String, name: String, description: String, phone: String)] = [
        ("welzijn", "Welzijn Lindewaard", "Welzijnsorganisatie: ouderenwerk, wijkcoaches, Welzijn op Recept.", "0590 123 400"),
        ("schakel", "Buurthuis De Schakel", "Buurthuis met een huiskamer, eettafel en activiteiten.", "0590 123 470"),
        ("bieb", "Bibliotheek Lindewaard", "Lezen, digitale vaardigheden en ontmoeting.", "0590 123 450"),
        ("humanitas", "Humanitas Lindewaard", "Vrijwilligers voor huisbezoek, maatjes en rouwverwerking.", "0590 123 480"),
        ("zonnebloem", "De Zonnebloem Lindewaard", "Bezoekwerk en uitstapjes voor mensen met een lichamelijke beperking.", "0590 123 481"),
        ("leger", "Leger des Heils Lindewaard", "Buurthuis Bij Bosshardt: inloop, maaltijden, een luisterend oor.", "0590 123 482"),
        ("resto", "Resto VanHarte Lindewaard", "Betaalbaar driegangendiner in de wijk.", "0590 123 483"),
        ("ggz", "GGZ Lindewaard", "Vriendendiensten en cursussen voor mensen met psychische kwetsbaarheid.", "0590 123 484"),
        ("sport", "Sportief Lindewaard", "Bewegen voor ouderen: beweegtuin, wandelgroepen, dansmiddagen.", "0590 123 485"),
    ]

    static let entries: [Entry] = [
        Entry(name: "Huiskamer van de buurt", provider: "schakel", form: .group, type: .socialActivation, evidence: .promising,
              description: "Elke ochtend open: koffie, een krant en een praatje. Gewoon binnenlopen.", schedules: ["maandag 10:00-12:00", "woensdag 10:00-12:00", "vrijdag 10:00-12:00"]) {
            $0.costCents = 0; $0.targetGroups = ["buurtbewoners"]; $0.lonelinessForms = [.social]; $0.profiles = [.actieven, .achterblijvers]
        },
        Entry(name: "Bij Bosshardt", provider: "leger", form: .group, type: .socialActivation, evidence: .researched,
              description: "Inloop in de wijk met koffie, een maaltijd, een luisterend oor en hulp bij de weg naar andere hulp.", schedules: ["dinsdag 10:00-15:00", "donderdag 10:00-15:00"]) {
            $0.costCents = 0; $0.lonelinessForms = [.social, .existential]; $0.profiles = [.buitenstaanders, .overlevers]; $0.districts("Oost")
        },
        Entry(name: "Bridgen: denken en doen", provider: "bieb", form: .group, type: .socialActivation, evidence: .researched,
              description: "Ouderen leren bridgen in een kleine groep; daarna samen spelen.", schedules: ["dinsdag 14:00-16:00"]) {
            $0.minimumAge = 55; $0.costCents = 300; $0.lonelinessForms = [.social]; $0.profiles = [.actieven, .compenseerders]; $0.capacity = 12
        },
        Entry(name: "Buurtcirkel Noord", provider: "welzijn", form: .group, type: .personalActivation, evidence: .researched,
              description: "Kwetsbare buurtbewoners steunen elkaar, begeleid door een vrijwilliger.", schedules: ["om de 2 weken donderdag 19:00-21:00"]) {
            $0.joinRoute = .referral; $0.lonelinessForms = [.social]; $0.profiles = [.afhankelijken, .hoopvollen]; $0.districts("Noord")
        },
        Entry(name: "Huiskamer voor ouderen", provider: "welzijn", form: .group, type: .socialActivation, evidence: .researched,
              description: "Een huiskamer voor ouderen die slecht lopen, zien of horen. Met vervoer.", schedules: ["maandag 13:30-16:00", "donderdag 13:30-16:00"]) {
            $0.minimumAge = 70; $0.conditions = ["slecht ter been", "visuele beperking", "gehoorbeperking"]; $0.costCents = 250
            $0.lonelinessForms = [.social]; $0.profiles = [.afhankelijken]; $0.districts("Centrum", "West")
        },
        Entry(name: "Resto VanHarte", provider: "resto", form: .group, type: .socialActivation, evidence: .researched,
              description: "Een betaalbaar driegangendiner aan lange tafels, twee avonden per week.", schedules: ["dinsdag 17:30-19:30", "donderdag 17:30-19:30"]) {
            $0.costCents = 600; $0.costDescription = "met Stadspas € 3"; $0.lonelinessForms = [.social]; $0.capacity = 40; $0.profiles = [.achterblijvers]
        },
        Entry(name: "Vier het Leven", provider: "welzijn", form: .group, type: .socialActivation, evidence: .researched,
              description: "Culturele uitjes voor 65-plussers; een gastvrouw of gastheer haalt u thuis op.", schedules: ["maandelijks zaterdag 13:00-17:00"]) {
            $0.minimumAge = 65; $0.costCents = 1500; $0.lonelinessForms = [.social]; $0.profiles = [.achterblijvers, .geborgenen]
        },
        Entry(name: "Zonnebloem uitstapjes", provider: "zonnebloem", form: .group, type: .socialActivation, evidence: .researched,
              description: "Uitstapjes en vakanties voor mensen met een lichamelijke beperking.", schedules: ["maandelijks woensdag 10:00-16:00"]) {
            $0.conditions = ["lichamelijke beperking"]; $0.costCents = 1000; $0.lonelinessForms = [.social]; $0.profiles = [.afhankelijken]
        },
        Entry(name: "Activerend huisbezoek", provider: "humanitas", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Een vrijwilliger komt wekelijks langs en werkt met u aan wat u weer wilt oppakken.", schedules: []) {
            $0.joinRoute = .referral; $0.minimumAge = 65; $0.lonelinessForms = [.emotional, .social]; $0.profiles = [.hoopvollen, .afhankelijken]
            $0.costCents = 0; $0.waitingList = 4
        },
        Entry(name: "Bezoekdienst weduwen en weduwnaars", provider: "humanitas", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Een of twee bezoeken per maand voor wie drie tot zes maanden geleden de partner verloor.", schedules: []) {
            $0.lifeEvents = ["partner overleden"]; $0.costCents = 0; $0.lonelinessForms = [.emotional]; $0.profiles = [.achterblijvers, .hoopvollen]
        },
        Entry(name: "Maatje voor een jaar", provider: "humanitas", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Een vrijwillig maatje voor een jaar: samen dingen doen, op weg naar meer contacten.", schedules: []) {
            $0.joinRoute = .referral; $0.costCents = 0; $0.lonelinessForms = [.emotional, .social]; $0.profiles = [.hoopvollen, .buitenstaanders]
            $0.waitingList = 9
        },
        Entry(name: "Netwerkcoach", provider: "welzijn", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Een getrainde vrijwilliger helpt uw netwerk te herstellen en uit te breiden.", schedules: []) {
            $0.joinRoute = .referral; $0.costCents = 0; $0.lonelinessForms = [.social]; $0.profiles = [.achterblijvers, .hoopvollen]
        },
        Entry(name: "OOPOEH", provider: "welzijn", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Ouderen passen op de hond of kat van een buurtgenoot: samen op pad.", schedules: []) {
            $0.minimumAge = 55; $0.costCents = 0; $0.lonelinessForms = [.social, .existential]; $0.profiles = [.compenseerders, .actieven]
        },
        Entry(name: "Samen Online", provider: "bieb", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Studenten leren ouderen thuis werken met computer, tablet en internet.", schedules: ["woensdag 14:00-16:00"]) {
            $0.minimumAge = 60; $0.costCents = 0; $0.lonelinessForms = [.social]; $0.profiles = [.geborgenen, .achterblijvers]
        },
        Entry(name: "Vriendschappelijk huisbezoek", provider: "humanitas", form: .oneToOne, type: .personalActivation, evidence: .researched,
              description: "Gezellig bezoek van een vrijwilliger: geen hulpverlening, wel vriendschap.", schedules: []) {
            $0.costCents = 0; $0.lonelinessForms = [.emotional]; $0.profiles = [.afhankelijken, .overlevers]
        },
        Entry(name: "Grip en Glans", provider: "welzijn", form: .course, type: .coursesTherapy, evidence: .researched,
              description: "Zes bijeenkomsten over waar u staat in het leven en wat u nog wilt.", schedules: ["dinsdag 10:00-12:00"]) {
            $0.minimumAge = 55; $0.costCents = 2500; $0.lonelinessForms = [.emotional, .existential]; $0.profiles = [.hoopvollen]; $0.capacity = 10
        },
        Entry(name: "Vrienden maken kun je leren", provider: "welzijn", form: .course, type: .coursesTherapy, evidence: .wellDescribed,
              description: "Cursus over vriendschappen sluiten en houden, en over verwachtingen.", schedules: ["woensdag 19:30-21:30"]) {
            $0.minimumAge = 50; $0.costCents = 3500; $0.lonelinessForms = [.social, .emotional]; $0.profiles = [.hoopvollen, .achterblijvers]
            $0.evidenceSource = "https://www.movisie.nl/interventie/vrienden-maken-kun-je-leren"
        },
        Entry(name: "Zin in vriendschap", provider: "welzijn", form: .course, type: .coursesTherapy, evidence: .researched,
              description: "In kleine stappen naar nieuwe of diepere vriendschappen.", schedules: ["donderdag 10:00-12:00"]) {
            $0.costCents = 2000; $0.lonelinessForms = [.social]; $0.profiles = [.achterblijvers]
        },
        Entry(name: "Online vriendschapscursus 50+", provider: "bieb", form: .course, type: .coursesTherapy, evidence: .researched,
              description: "Een introductie en twee keer vijf lessen, in elf weken, online.", schedules: []) {
            $0.minimumAge = 50; $0.costCents = 0; $0.lonelinessForms = [.social]; $0.profiles = [.compenseerders]
        },
        Entry(name: "Beweegtuin", provider: "sport", form: .group, type: .socialActivation, evidence: .promising,
              description: "Samen bewegen in de beweegtuin, met een begeleider.", schedules: ["maandag 10:00-11:00", "donderdag 10:00-11:00"]) {
            $0.minimumAge = 60; $0.costCents = 0; $0.lonelinessForms = [.social]; $0.districts("Zuid")
        },
        Entry(name: "Danspaleis", provider: "sport", form: .group, type: .socialActivation, evidence: .promising,
              description: "Dansmiddag voor ouderen met livemuziek.", schedules: ["maandelijks zondag 14:00-17:00"]) {
            $0.minimumAge = 60; $0.costCents = 500; $0.lonelinessForms = [.social]
        },
        Entry(name: "EET met je hart", provider: "schakel", form: .group, type: .socialActivation, evidence: .promising,
              description: "Zes keer per jaar een diner voor ouderen die alleen wonen.", schedules: ["maandelijks vrijdag 17:00-19:30"]) {
            $0.minimumAge = 65; $0.costCents = 500; $0.lonelinessForms = [.social, .emotional]
        },
        Entry(name: "Roze Ouderen Salon", provider: "schakel", form: .group, type: .socialActivation, evidence: .promising,
              description: "Maandelijkse salon voor LHBTI-ouderen vanaf 55 jaar.", schedules: ["maandelijks zondag 14:00-17:00"]) {
            $0.minimumAge = 55; $0.targetGroups = ["lhbti+"]; $0.costCents = 0; $0.lonelinessForms = [.social, .existential]
        },
        Entry(name: "Vitale moestuin", provider: "schakel", form: .group, type: .socialActivation, evidence: .promising,
              description: "Samen tuinieren in de buurtmoestuin.", schedules: ["woensdag 10:00-12:00", "zaterdag 10:00-12:00"]) {
            $0.costCents = 0; $0.lonelinessForms = [.social, .existential]; $0.profiles = [.compenseerders, .actieven]; $0.districts("Buitengebied")
        },
        Entry(name: "Join us", provider: "welzijn", form: .group, type: .socialActivation, evidence: .promising,
              description: "Groep voor jongeren die zich alleen voelen, om de twee weken.", schedules: ["om de 2 weken vrijdag 19:00-21:00"]) {
            $0.minimumAge = 12; $0.maximumAge = 25; $0.targetGroups = ["jongeren"]; $0.costCents = 0; $0.lonelinessForms = [.social, .emotional]
        },
        Entry(name: "Weekendtref", provider: "ggz", form: .group, type: .socialActivation, evidence: .promising,
              description: "Ontmoeting in het weekend voor mensen die GGZ-hulp krijgen of kregen.", schedules: ["zaterdag 13:00-16:00"]) {
            $0.conditions = ["psychische kwetsbaarheid"]; $0.costCents = 0; $0.lonelinessForms = [.social]; $0.profiles = [.overlevers, .buitenstaanders]
        },
        Entry(name: "Vriendendiensten", provider: "ggz", form: .oneToOne, type: .personalActivation, evidence: .promising,
              description: "Een vrijwillige vriend voor volwassenen met een psychische kwetsbaarheid.", schedules: []) {
            $0.minimumAge = 18; $0.conditions = ["psychische kwetsbaarheid"]; $0.joinRoute = .referral; $0.costCents = 0
            $0.lonelinessForms = [.emotional, .social]; $0.profiles = [.overlevers, .buitenstaanders]
        },
        Entry(name: "Zilverlijn", provider: "welzijn", form: .oneToOne, type: .personalActivation, evidence: .promising,
              description: "Een vaste vrijwilliger belt u elke week voor een praatje.", schedules: []) {
            $0.minimumAge = 65; $0.costCents = 0; $0.lonelinessForms = [.emotional]; $0.profiles = [.afhankelijken, .geborgenen]
        },
        Entry(name: "Jong+Oud=Goud", provider: "welzijn", form: .oneToOne, type: .personalActivation, evidence: .promising,
              description: "Een jongere en een oudere trekken een jaar met elkaar op, minstens zes uur per maand.", schedules: []) {
            $0.minimumAge = 70; $0.costCents = 0; $0.lonelinessForms = [.emotional, .social]; $0.profiles = [.achterblijvers]
        },
        Entry(name: "Het Begint met Taal: taalmaatje", provider: "bieb", form: .oneToOne, type: .personalActivation, evidence: .promising,
              description: "Een taalmaatje om samen Nederlands te oefenen.", schedules: []) {
            $0.targetGroups = ["nieuwkomers"]; $0.languages = ["ar", "en", "pl", "tr"]; $0.costCents = 0; $0.lonelinessForms = [.social]
        },
        Entry(name: "Welzijn op Recept", provider: "welzijn", form: .oneToOne, type: .personalActivation, evidence: .wellDescribed,
              description: "Uw huisarts verwijst u naar een welzijnscoach, die met u zoekt naar activiteiten die u energie geven.", schedules: []) {
            $0.joinRoute = .referral; $0.minimumAge = 18; $0.costCents = 0; $0.lonelinessForms = [.social, .emotional, .existential]
            $0.evidenceSource = "https://www.movisie.nl/interventie/welzijn-recept"
            // A way into welfare guidance, not an activity: not suggested to someone already in a trajectory.
            $0.routeInto = .welfare
        },
        Entry(name: "Assertiviteitscursus", provider: "welzijn", form: .course, type: .coursesTherapy, evidence: .promising,
              description: "Leren opkomen voor uzelf en contact maken, in acht bijeenkomsten.", schedules: ["maandag 19:30-21:30"]) {
            $0.minimumAge = 18; $0.costCents = 4000; $0.lonelinessForms = [.social]; $0.profiles = [.hoopvollen, .achterblijvers]
        },
        Entry(name: "Creatief leven", provider: "bieb", form: .course, type: .coursesTherapy, evidence: .promising,
              description: "Acht weken creatief bezig zijn en nadenken over wat het leven zin geeft.", schedules: ["vrijdag 10:00-12:00"]) {
            $0.minimumAge = 55; $0.costCents = 3000; $0.lonelinessForms = [.existential, .emotional]
        },
        Entry(name: "Dialoogtafel", provider: "bieb", form: .group, type: .personalActivation, evidence: .promising,
              description: "Samen in gesprek over een vraag die ertoe doet; iedereen is welkom.", schedules: ["maandelijks dinsdag 19:30-21:30"]) {
            $0.costCents = 0; $0.lonelinessForms = [.existential]; $0.profiles = [.compenseerders, .geborgenen]
        },
    ]

    static func seed(into services: AppServices, municipalityID: UUID) async throws {
        let today = services.clock.today
        let districts = Dictionary(uniqueKeysWithValues: try await services.organisations.districts(municipalityID: municipalityID).map { ($0.name, $0.id) })
        let existing = try await services.catalogue.organisations(municipalityID: municipalityID)
        var providerIDs: [String: String] = [:]
        for provider in providers {
            let id = existing.first { $0.name == provider.name }?.id ?? UUID().uuidString
            try await services.catalogue.saveOrganisation(
                CatalogueOrganisation(id: id, name: provider.name, description: provider.description, phone: provider.phone), municipalityID: municipalityID)
            providerIDs[provider.key] = id
        }
        let addresses = ["Centrum": ("Marktplein 1", "9401 AA"), "Noord": ("Lindelaan 40", "9403 AB"), "Oost": ("Oosterweg 8", "9405 CD"),
                         "Zuid": ("Zuiderpark 2", "9406 EF"), "West": ("Westerkade 15", "9408 GH"), "Buitengebied": ("Dorpsstraat 3", "9410 KL")]
        for (index, entry) in entries.enumerated() {
            var activity = CatalogueActivity(
                id: UUID().uuidString, organisationID: providerIDs[entry.provider]!, name: entry.name, description: entry.description,
                form: entry.form, interventionType: entry.type, preventive: entry.form == .group && entry.type == .socialActivation)
            activity.evidence = entry.evidence
            activity.schedules = entry.schedules.compactMap(ActivitySchedule.init(dutch:))
            entry.build(&activity)
            // District names in the entries become ids; the place is the first district served (or the centre).
            if let names = activity.districtIDs { activity.districtIDs = Set(names.compactMap { districts[$0]?.uuidString }) }
            let placeDistrict = activity.districtIDs.flatMap { ids in districts.first { ids.contains($0.value.uuidString) }?.key } ?? "Centrum"
            if activity.form != .oneToOne, let address = addresses[placeDistrict] {
                let place = entry.provider == "schakel" ? "Buurthuis De Schakel" : "Wijkcentrum \(placeDistrict)"
                activity.location = ActivityLocation(name: place, address: address.0, postcode: address.1, city: "Lindewaard")
            }
            activity.contactPhone = providers.first { $0.key == entry.provider }?.phone ?? ""
            activity.howToJoin = activity.joinRoute == .referral ? "Via uw huisarts of het sociaal wijkteam." : "Bel of loop gewoon binnen."
            // Most entries were checked recently; a few not for over a year, so the coordinator's flag shows.
            activity.checkedOn = index % 9 == 4 ? today.adding(days: -400) : today.adding(days: -(index * 7 % 200))
            try await services.catalogue.save(activity, municipalityID: municipalityID)
        }
    }
}

private extension CatalogueActivity {
    /// Districts by name in the demo table; turned into ids when seeding.
    mutating func districts(_ names: String...) { districtIDs = Set(names) }
}
