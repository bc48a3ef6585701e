import Foundation

/// An HSDS taxonomy: one of our classifications as another system sees it.
public struct HSDSTaxonomy: Sendable, Equatable, Hashable {
    public let id: String
    public let name: String
    public let description: String
    public let version: String
}

/// One term of a taxonomy. `code` is our raw value for fixed terms and empty for free-text terms
/// (the standard marks `code` unique across the file, and the same words may be a target group and a condition).
public struct HSDSTaxonomyTerm: Sendable, Equatable, Hashable {
    public let id: String
    public let code: String
    public let name: String
    public let description: String
    public let taxonomyID: String
}

/// Our classifications, each published as an HSDS taxonomy so another system can read them.
/// Fixed classifications have a term per enum case with a UUID written below: those ids must never change.
/// Free-text lists (target groups, conditions, life events) get a term per distinct text, with a
/// name-based id, so the same words get the same id in every export of every municipality.
/// `capacity` exists because HSDS 3.0 has no service_capacity table: places and the waiting list are
/// attributes whose `value` is the number.
public enum HSDSClassification: String, CaseIterable, Sendable {
    case activityForm = "activity_form"
    case interventionType = "intervention_type"
    case evidenceLevel = "evidence_level"
    case lonelinessForm = "loneliness_form"
    case interventionProfile = "intervention_profile"
    case joinRoute = "join_route"
    case approach = "preventive_curative"
    case targetGroup = "target_group"
    case condition
    case lifeEvent = "life_event"
    case capacity

    /// Terms made from the text people typed rather than from an enum.
    public var isFreeText: Bool { [.targetGroup, .condition, .lifeEvent].contains(self) }

    public var taxonomy: HSDSTaxonomy { Self.taxonomies[self]! }

    /// The fixed terms, in enum order; empty for free-text classifications.
    public var terms: [HSDSTaxonomyTerm] { Self.fixedTerms[self] ?? [] }

    /// Built once: the export asks for these for every row.
    static let taxonomies: [HSDSClassification: HSDSTaxonomy] = Dictionary(uniqueKeysWithValues: allCases.map { classification in
        let (id, name, description) = classification.taxonomyTexts
        return (classification, HSDSTaxonomy(id: id, name: name, description: description, version: "1"))
    })

    static let fixedTerms: [HSDSClassification: [HSDSTaxonomyTerm]] = Dictionary(uniqueKeysWithValues: allCases.map { classification in
        (classification, (termTexts[classification] ?? []).map { code, id, name, description in
            HSDSTaxonomyTerm(id: id, code: code, name: name, description: description, taxonomyID: classification.taxonomyTexts.0)
        })
    })

    /// The fixed term with `code`, if there is one.
    public func term(code: String) -> HSDSTaxonomyTerm? { terms.first { $0.code == code } }

    /// The term for a free-text value: its id is derived from the classification and the exact text.
    public func term(text: String) -> HSDSTaxonomyTerm {
        HSDSTaxonomyTerm(id: HSDSIdentifier.nameBased("omzien:\(rawValue):\(text)"), code: "", name: text,
                         description: Self.freeTextPrefix[self, default: ""] + text, taxonomyID: taxonomy.id)
    }

    /// The classification whose taxonomy has `id`.
    public static func withTaxonomy(id: String) -> HSDSClassification? {
        byTaxonomyID[id.lowercased()]
    }

    static let byTaxonomyID: [String: HSDSClassification] = Dictionary(uniqueKeysWithValues: allCases.map {
        ($0.taxonomyTexts.0, $0)
    })

    /// Every fixed term by id (lowercase), for reading attributes back.
    static let fixedTermsByID: [String: (HSDSClassification, HSDSTaxonomyTerm)] = {
        var terms: [String: (HSDSClassification, HSDSTaxonomyTerm)] = [:]
        for classification in allCases {
            for term in classification.terms { terms[term.id] = (classification, term) }
        }
        return terms
    }()

    // MARK: Texts and fixed ids (Dutch: the catalogue's language)

    /// (fixed id, name, description) of each taxonomy; a switch so a new case cannot be forgotten.
    var taxonomyTexts: (String, String, String) {
        switch self {
        case .activityForm: ("4f7cc711-7459-4978-b3d5-62779bcf6f47", "Omzien: vorm van de activiteit",
                "Groepsactiviteit, één op één, of cursus/gespreksgroep/therapie.")
        case .interventionType: ("627442cd-0d4a-4014-b5b0-1b66a79a15d9", "Omzien: type interventie",
                "De vijf typen interventies tegen eenzaamheid.")
        case .evidenceLevel: ("9079d852-5426-4d30-816d-a9d63bb714bb", "Omzien: bewijskracht",
                "Erkenning in de Databank Erkende sociale interventies (Movisie) of de indeling van de handreiking 2017.")
        case .lonelinessForm: ("68cf8085-6778-4219-b21a-3af7877dddde", "Omzien: vorm van eenzaamheid",
                "De vormen van eenzaamheid waarvoor de activiteit geschikt is.")
        case .interventionProfile: ("9a86da71-8c66-4a92-8c8b-5bf20c3dc48d", "Omzien: interventieprofiel",
                "De acht profielen naar duur van de eenzaamheid, motivatie en coping.")
        case .joinRoute: ("31ea5279-cd81-4550-a2e6-f3945b64e93d", "Omzien: toegang",
                "Hoe een inwoner kan deelnemen: zelf aanmelden, via verwijzing, of beide.")
        case .approach: ("3074a723-bbf8-4bbc-92ff-bc678ab491f2", "Omzien: preventief of curatief",
                "Of de activiteit eenzaamheid voorkomt of bestaande eenzaamheid vermindert.")
        case .targetGroup: ("1c8234a1-948a-46f6-9948-cfc14825751b", "Omzien: doelgroep",
                "Voor wie de activiteit bedoeld is, in de woorden van de sociale kaart.")
        case .condition: ("6acb0169-207e-4ff4-ba9e-fbc8dcab1504", "Omzien: voorwaarde",
                "Een aandoening of omstandigheid die nodig is om deel te nemen (één ervan volstaat).")
        case .lifeEvent: ("17ecc9ac-e338-4244-bff3-b7c45f85da47", "Omzien: levensgebeurtenis",
                "Een levensgebeurtenis waarvoor de activiteit bedoeld is (één ervan volstaat).")
        case .capacity: ("95137514-0fda-47fc-b37a-43606906fd26", "Omzien: capaciteit",
                "Aantal plaatsen en wachtlijst; de waarde van het kenmerk is het aantal.")
        }
    }

    static let freeTextPrefix: [HSDSClassification: String] = [
        .targetGroup: "Doelgroep: ", .condition: "Voorwaarde: ", .lifeEvent: "Levensgebeurtenis: ",
    ]

    /// (code = our raw value, fixed id, name, description) per classification.
    static let termTexts: [HSDSClassification: [(String, String, String, String)]] = [
        .activityForm: [
            (ActivityForm.group.rawValue, "1cea17bd-556e-4c49-b42f-1485bb348d45", "Groepsactiviteit",
             "Ontmoetings- en groepsactiviteiten: samen met anderen in een groep."),
            (ActivityForm.oneToOne.rawValue, "25824968-8cb4-4d34-ba5b-a0b7a6df8092", "Eén op één",
             "Eén deelnemer met één vrijwilliger of professional, zoals huisbezoek of een maatje."),
            (ActivityForm.course.rawValue, "117c52d6-ab46-4c23-aaf3-18d1dcd250c9", "Cursus, gespreksgroep of therapie",
             "Een reeks bijeenkomsten met een vast programma."),
        ],
        .interventionType: [
            (InterventionType.information.rawValue, "d6dd041a-bdec-43de-9077-b66038a3375a", "Informatie en attitudeverandering",
             "Algemene informatie en campagnes die de houding tegenover eenzaamheid veranderen."),
            (InterventionType.trainingProfessionals.rawValue, "87f9bf57-d105-490b-ae67-0d141edc8380", "Deskundigheidsbevordering",
             "Professionals leren eenzaamheid herkennen en erop reageren."),
            (InterventionType.socialActivation.rawValue, "48dea35d-2120-4dfa-941a-87a9b00d65bd", "Sociaal-culturele activering",
             "Ontmoeting en gezelligheid: mensen samenbrengen."),
            (InterventionType.personalActivation.rawValue, "9bb02a84-a76b-4a12-8a0a-7a863e883161", "Persoonlijke activering",
             "Bewustwording en begeleide verandering van de eigen situatie."),
            (InterventionType.coursesTherapy.rawValue, "10cf7986-041b-4ef0-a124-5638b48a5e94", "Cursussen, gespreksgroepen en therapie",
             "Gerichte cursussen, gespreksgroepen en therapie."),
        ],
        .evidenceLevel: [
            (EvidenceLevel.effective.rawValue, "ef51b563-5300-48b3-9312-52fe1644e5ec", "Effectief",
             "Erkend als effectief in de Databank Erkende sociale interventies."),
            (EvidenceLevel.wellFounded.rawValue, "e94de1c3-4013-4445-89c5-8ecbd78295f3", "Goed onderbouwd",
             "Erkend als goed onderbouwd in de Databank Erkende sociale interventies."),
            (EvidenceLevel.wellDescribed.rawValue, "fe54826f-0116-445e-8546-115934013521", "Goed beschreven",
             "Erkend als goed beschreven in de Databank Erkende sociale interventies."),
            (EvidenceLevel.researched.rawValue, "8927ec88-6160-4485-b591-793808e8f5fb", "Onderbouwd",
             "Onderzocht: effect gemeten of tevredenheid gepeild (handreiking 2017)."),
            (EvidenceLevel.promising.rawValue, "646b16c6-1dc0-4320-bf32-361488625229", "Kansrijk",
             "Veelbelovend maar niet onderzocht (handreiking 2017)."),
            (EvidenceLevel.notAssessed.rawValue, "d068114d-ac17-474f-a7cc-9a2ed845e4c1", "Niet beoordeeld",
             "De bewijskracht is niet beoordeeld."),
        ],
        .lonelinessForm: [
            (LonelinessForm.social.rawValue, "4a6ce423-4044-407c-a7a0-d902f17d458b", "Sociale eenzaamheid",
             "Gemis aan betekenisvolle relaties met een bredere groep: vrienden, kennissen, collega's, familie."),
            (LonelinessForm.emotional.rawValue, "8b64a36d-9ddc-4fa1-bc7f-b36ad7b31638", "Emotionele eenzaamheid",
             "Gemis aan één hechte, intieme band: partner, beste vriend, vertrouwenspersoon."),
            (LonelinessForm.existential.rawValue, "09f6dbdd-d394-44b5-b882-6b36e8b003e3", "Existentiële eenzaamheid",
             "Gemis aan verbondenheid, ertoe doen en zingeving."),
        ],
        .interventionProfile: [
            (InterventionProfile.actieven.rawValue, "1e9c88fa-4736-446b-86ff-ad0497f5ffd3", "Actieven",
             "Tijdelijk eenzaam, op contact gericht, actieve coping."),
            (InterventionProfile.achterblijvers.rawValue, "8be8a7aa-e908-4ad5-a9aa-3a1406f2296c", "Achterblijvers",
             "Tijdelijk eenzaam, op contact gericht, passieve coping."),
            (InterventionProfile.geborgenen.rawValue, "02bd4398-20a2-4687-8c09-2aab0ad30881", "Geborgenen",
             "Tijdelijk eenzaam, niet op contact gericht, actieve coping."),
            (InterventionProfile.afhankelijken.rawValue, "4a831846-970a-4b16-bf19-98c22d234f2d", "Afhankelijken",
             "Tijdelijk eenzaam, niet op contact gericht, passieve coping."),
            (InterventionProfile.compenseerders.rawValue, "5a15be7b-149f-412e-9fa0-e4d590ed447e", "Compenseerders",
             "Structureel eenzaam, op contact gericht, actieve coping."),
            (InterventionProfile.hoopvollen.rawValue, "607c43d3-221f-4c4e-92bc-23ca89c74315", "Hoopvollen",
             "Structureel eenzaam, op contact gericht, passieve coping."),
            (InterventionProfile.buitenstaanders.rawValue, "1501e48d-5bed-4072-a440-8d1b63073511", "Buitenstaanders",
             "Structureel eenzaam, niet op contact gericht, actieve coping."),
            (InterventionProfile.overlevers.rawValue, "f7c35ae8-b7c4-4ff2-8fdc-d110542ee120", "Overlevers",
             "Structureel eenzaam, niet op contact gericht, passieve coping."),
        ],
        .joinRoute: [
            (JoinRoute.direct.rawValue, "98c21b33-7be3-438f-914f-964e11db29dc", "Zelf aanmelden",
             "Inwoners kunnen zich zelf aanmelden."),
            (JoinRoute.referral.rawValue, "21800b53-7268-4d89-9083-0c596f2df5e3", "Via verwijzing",
             "Deelname alleen na verwijzing, bijvoorbeeld door de huisarts of het wijkteam."),
            (JoinRoute.either.rawValue, "69c2653f-beae-43e8-bf95-e992534e886d", "Zelf of via verwijzing",
             "Zelf aanmelden en verwijzing zijn allebei mogelijk."),
        ],
        .approach: [
            ("preventive", "99fdd728-a352-4ba7-afca-bd1c2b64cba3", "Preventief",
             "Voorkomt eenzaamheid of vangt haar vroeg op."),
            ("curative", "f1e30ceb-2f5b-43fd-a899-53ed22b1400a", "Curatief",
             "Vermindert bestaande (sterke) eenzaamheid."),
        ],
        .capacity: [
            ("capacity", "d3ee7bd8-52d8-420d-befc-a838d36cce11", "Aantal plaatsen",
             "Het aantal plaatsen; de waarde van het kenmerk is het aantal."),
            ("waiting_list", "e93e7a00-58f1-4860-9c77-fbfd632d31b0", "Wachtlijst",
             "Het aantal mensen op de wachtlijst; de waarde van het kenmerk is het aantal."),
        ],
    ]
}
