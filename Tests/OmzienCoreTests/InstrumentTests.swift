import Testing
@testable import OmzienCore

/// An independent restatement of the manual's rules, used as the oracle for exhaustive checks.
enum ManualOracle {
    static let positive: Set<Int> = [1, 4, 7, 8, 11]

    static func point(_ item: Int, _ answer: DJGAnswer) -> Int {
        let lonelyAnswers: Set<DJGAnswer> = positive.contains(item) ? [.moreOrLess, .no, .emphaticNo] : [.emphaticYes, .yes, .moreOrLess]
        return lonelyAnswers.contains(answer) ? 1 : 0
    }

    static func score(_ answers: [Int: DJGAnswer?], items: [Int], allowedMissing: Int) -> (Int?, Int?, Int?) {
        let given = items.compactMap { item in (answers[item] ?? nil).map { (item, $0) } }
        let total = items.count - given.count <= allowedMissing ? given.reduce(0) { $0 + point($1.0, $1.1) } : nil
        func sub(_ subset: [Int]) -> Int? {
            let values = subset.map { item in (answers[item] ?? nil).map { point(item, $0) } }
            return values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + $1! }
        }
        return (total, sub(items.filter { !positive.contains($0) }), sub(items.filter { positive.contains($0) }))
    }
}

@Suite struct DJGScaleTests {
    @Test func itemsMatchTheManual() {
        #expect(DJGItem.all.count == 11)
        #expect(DJGVersion.eleven.emotionalItems == [2, 3, 5, 6, 9, 10])
        #expect(DJGVersion.eleven.socialItems == [1, 4, 7, 8, 11])
        #expect(DJGVersion.six.emotionalItems == [3, 9, 10])
        #expect(DJGVersion.six.socialItems == [4, 7, 8])
        #expect(DJGItem.item(3).dutch == "Ik ervaar een leegte om me heen")
    }

    @Test func theNeutralAnswerCountsAsLonelyOnBothKindsOfItem() {
        #expect(DJGAnswer.moreOrLess.score(positiveItem: true) == 1)
        #expect(DJGAnswer.moreOrLess.score(positiveItem: false) == 1)
        #expect(DJGAnswer.emphaticYes.score(positiveItem: false) == 1)
        #expect(DJGAnswer.emphaticNo.score(positiveItem: true) == 1)
        #expect(DJGAnswer.yes.score(positiveItem: true) == 0)
        #expect(DJGAnswer.no.score(positiveItem: false) == 0)
    }

    @Test(arguments: [("ja", DJGAnswer.yes), ("JA!", .emphaticYes), (" min of meer ", .moreOrLess), ("min-of-meer", .moreOrLess),
                      ("Min  of  meer", .moreOrLess), ("nee", .no), ("Nee!", .emphaticNo)])
    func answersAreReadTolerantly(text: String, answer: DJGAnswer) {
        #expect(DJGAnswer(parsing: text) == answer)
    }

    @Test(arguments: ["", "yes", "j", "misschien", "nee!!", "0", "min of"])
    func unknownAnswersAreRefused(text: String) {
        #expect(DJGAnswer(parsing: text) == nil)
    }

    @Test func extremes() {
        let eleven = DJGScoring(version: .eleven)
        let allLonely = Dictionary(uniqueKeysWithValues: (1...11).map { ($0, DJGAnswer?.some(DJGItem.item($0).isPositive ? .no : .yes)) })
        #expect(eleven.score(allLonely) == DJGScore(version: .eleven, total: 11, emotional: 6, social: 5))
        #expect(eleven.score(allLonely).level == .veryStrong)
        let noneLonely = Dictionary(uniqueKeysWithValues: (1...11).map { ($0, DJGAnswer?.some(DJGItem.item($0).isPositive ? .yes : .no)) })
        #expect(eleven.score(noneLonely) == DJGScore(version: .eleven, total: 0, emotional: 0, social: 0))
        #expect(eleven.score(noneLonely).level == LonelinessLevel.none)
        let allNeutral = Dictionary(uniqueKeysWithValues: (1...11).map { ($0, DJGAnswer?.some(.moreOrLess)) })
        #expect(eleven.score(allNeutral).total == 11)
    }

    /// Every answer pattern of the 6-item version: each item missing or one of the five answers (6^6 patterns),
    /// against the oracle.
    @Test func everySixItemPatternMatchesTheManualRule() {
        let scoring = DJGScoring(version: .six)
        let choices: [DJGAnswer?] = [nil] + DJGAnswer.allCases
        var checked = 0
        func walk(_ index: Int, _ answers: [Int: DJGAnswer?]) {
            if index == 6 {
                let expected = ManualOracle.score(answers, items: [3, 4, 7, 8, 9, 10], allowedMissing: 1)
                let score = scoring.score(answers)
                #expect(score.total == expected.0 && score.emotional == expected.1 && score.social == expected.2)
                checked += 1
                return
            }
            for choice in choices {
                var next = answers
                next[[3, 4, 7, 8, 9, 10][index]] = .some(choice)
                walk(index + 1, next)
            }
        }
        walk(0, [:])
        #expect(checked == 46_656)
    }

    @Test func sixItemMissingBoundary() {
        let scoring = DJGScoring(version: .six)
        var answers: [Int: DJGAnswer?] = [3: .yes, 4: .no, 7: .no, 8: .no, 9: .yes, 10: .yes]
        #expect(scoring.score(answers).total == 6)
        answers[10] = .some(nil)
        #expect(scoring.score(answers).total == 5)       // one missing: the five answered items, not prorated
        #expect(scoring.score(answers).emotional == nil) // the subscale with the gap is missing
        #expect(scoring.score(answers).social == 3)
        answers[4] = .some(nil)
        #expect(scoring.score(answers).total == nil)     // two missing: no total
        // The 11-item setting does not change the manual's 6-item rule.
        #expect(DJGScoring(version: .six, maxMissingForEleven: 5).score(answers).total == nil)
    }

    /// All 3^11 three-point patterns against the oracle, plus every missing count 0…3 under settings 0…2.
    @Test func everyElevenItemThreePointPatternMatchesTheOracle() {
        let scoring = DJGScoring(version: .eleven)
        let threePoint: [DJGAnswer] = [.yes, .moreOrLess, .no]
        var pattern = [Int](repeating: 0, count: 11)
        var checked = 0
        repeat {
            var answers: [Int: DJGAnswer?] = [:]
            for item in 0..<11 { answers[item + 1] = threePoint[pattern[item]] }
            let expected = ManualOracle.score(answers, items: Array(1...11), allowedMissing: 0)
            let score = scoring.score(answers)
            if score.total != expected.0 || score.emotional != expected.1 || score.social != expected.2 {
                Issue.record("pattern \(pattern) scored \(score)")
                return
            }
            checked += 1
            var position = 0
            while position < 11 {
                pattern[position] += 1
                if pattern[position] < 3 { break }
                pattern[position] = 0
                position += 1
            }
            if position == 11 { break }
        } while true
        #expect(checked == 177_147)
    }

    @Test(arguments: [0, 1, 2])
    func elevenItemMissingSetting(maxMissing: Int) {
        let scoring = DJGScoring(version: .eleven, maxMissingForEleven: maxMissing)
        for missingCount in 0...3 {
            var answers = Dictionary(uniqueKeysWithValues: (1...11).map { ($0, DJGAnswer?.some(.moreOrLess)) })
            for item in [2, 5, 6].prefix(missingCount) { answers[item] = .some(nil) }
            let score = scoring.score(answers)
            #expect(score.total == (missingCount <= maxMissing ? 11 - missingCount : nil))
            #expect(score.emotional == (missingCount == 0 ? 6 : nil))
            #expect(score.social == 5)
        }
    }

    @Test func levelsFollowTheCutOffs() {
        let eleven = (0...11).map { LonelinessLevel.of(total: $0, version: .eleven) }
        #expect(eleven == [.none, .none, .none, .moderate, .moderate, .moderate, .moderate, .moderate, .moderate, .strong, .strong, .veryStrong])
        let six = (0...6).map { LonelinessLevel.of(total: $0, version: .six) }
        #expect(six == [.none, .none, .moderate, .moderate, .moderate, .strong, .strong])
    }

    @Test func otherInstruments() {
        #expect(UCLA3.total([.often, .often, .often]) == 9)
        #expect(UCLA3.total([.hardlyEver, .someOfTheTime, .often]) == 6)
        #expect(UCLA3.total([.hardlyEver, nil, .often]) == nil)
        #expect(UCLA3.total([.hardlyEver, .often]) == nil)
        #expect(DirectLonelinessQuestion.allCases.count == 5)
    }
}

@Suite struct ClassifierTests {
    @Test(arguments: [
        (LonelinessDuration.threatening, Motivation.oriented, Coping.active, InterventionProfile.actieven),
        (.situational, .oriented, .passive, .achterblijvers),
        (.situational, .notOriented, .active, .geborgenen),
        (.threatening, .notOriented, .passive, .afhankelijken),
        (.structural, .oriented, .active, .compenseerders),
        (.structuralComplex, .oriented, .passive, .hoopvollen),
        (.structural, .notOriented, .active, .buitenstaanders),
        (.structuralComplex, .notOriented, .passive, .overlevers),
    ])
    func theEightProfiles(duration: LonelinessDuration, motivation: Motivation, coping: Coping, profile: InterventionProfile) {
        #expect(InterventionProfile.classify(duration: duration, motivation: motivation, coping: coping) == profile)
    }

    @Test func everyCombinationGivesOneOfTheEightAndAllEightOccur() {
        var seen: Set<InterventionProfile> = []
        for duration in LonelinessDuration.allCases {
            for motivation in Motivation.allCases {
                for coping in Coping.allCases {
                    seen.insert(InterventionProfile.classify(duration: duration, motivation: motivation, coping: coping))
                }
            }
        }
        #expect(seen == Set(InterventionProfile.allCases))
    }

    @Test func theFourNetworkTypes() {
        #expect(NetworkType.classify(networkSize: 6, lonely: false) == .sociallyResilient)
        #expect(NetworkType.classify(networkSize: 5, lonely: true) == .lonely)
        #expect(NetworkType.classify(networkSize: 4, lonely: false) == .contactPoor)
        #expect(NetworkType.classify(networkSize: 0, lonely: true) == .sociallyIsolated)
        #expect(NetworkType.classify(networkSize: 4, lonely: true, manyFrom: 4) == .lonely)
    }

    @Test func formsAreSuggestedFromTheSubscales() {
        let score = DJGScore(version: .eleven, total: 7, emotional: 5, social: 2)
        #expect(FormSuggestion.eleven.forms(for: score) == [.emotional])
        #expect(FormSuggestion(emotionalThreshold: 2, socialThreshold: 2).forms(for: score) == [.emotional, .social])
        #expect(FormSuggestion.six.forms(for: DJGScore(version: .six, total: 2, emotional: 1, social: 1)) == [.emotional, .social])
        #expect(FormSuggestion.eleven.forms(for: DJGScore(version: .eleven, total: nil, emotional: nil, social: nil)).isEmpty)
    }

    @Test func readinessNamesTheFirstGap() {
        #expect(Readiness(knows: true, wants: true, able: true).isReady)
        #expect(Readiness(knows: false, wants: true, able: false).firstGap == "knows")
        #expect(Readiness(knows: true, wants: false, able: false).firstGap == "wants")
        #expect(Readiness(knows: true, wants: true, able: false).firstGap == "able")
    }

    @Test func networkMapFigures() {
        let map = NetworkMap(members: [
            .init(name: "Kees", relation: .partner, circle: 1, frequency: .daily, support: [.emotional, .practical]),
            .init(name: "Dochter", relation: .family, circle: 1, frequency: .weekly, support: [.practical]),
            .init(name: "Buurvrouw", relation: .neighbour, circle: 2, frequency: .monthly, support: []),
            .init(name: "Oud-collega", relation: .colleague, circle: 3, frequency: .rarely, support: [.social]),
            .init(name: "Zus", relation: .family, circle: 2, frequency: .rarely, support: []),
        ])
        #expect(map.size == 5)
        #expect(map.goodContacts == 3)
        #expect(map.variety == 4)
        #expect(map.supportCovered == [.emotional, .practical, .social])
        #expect(map.supportGaps.isEmpty)
        #expect(!map.familyOnly)
        #expect(NetworkMap(members: [map.members[0], map.members[1]]).familyOnly)
        #expect(NetworkMap(members: [map.members[1]]).supportGaps == [.emotional, .social])
        #expect(NetworkMap.Member(name: "x", relation: .club, circle: 9, frequency: .weekly, support: []).circle == 3)
    }
}

@Suite struct ScoreCSVTests {
    @Test func scoresAGeneratedFileOfMoreThanAThousandRows() {
        var generator = SplitMix(seed: 42)
        let answers = ["ja", "min of meer", "nee", "ja!", "nee!", ""]
        var input = "id," + (1...11).map { "q\($0)" }.joined(separator: ",") + "\n"
        var expected = "id,total,emotional,social,level\n"
        for row in 1...1200 {
            var parsed: [Int: DJGAnswer?] = [:]
            var fields: [String] = []
            for item in 1...11 {
                let text = answers[Int(generator.next() % (row % 7 == 0 ? 6 : 5))]
                fields.append(text)
                parsed[item] = .some(DJGAnswer(parsing: text))
            }
            input += "r\(row)," + fields.joined(separator: ",") + "\n"
            let oracle = ManualOracle.score(parsed, items: Array(1...11), allowedMissing: 1)
            let level = oracle.0.map { LonelinessLevel.of(total: $0, version: .eleven).rawValue } ?? ""
            expected += "r\(row),\(oracle.0.map(String.init) ?? ""),\(oracle.1.map(String.init) ?? ""),\(oracle.2.map(String.init) ?? ""),\(level)\n"
        }
        let result = ScoreCSV.score(input, version: .eleven, maxMissing: 1)
        #expect(result.problems.isEmpty)
        #expect(result.output == expected)
    }

    @Test func sixItemFilesInCBSOrderAndQuotedFields() {
        let input = "id,q3,q4,q7,q9,q8,q10\r\n\"a,1\",ja,nee,nee,ja,nee,ja\r\nb,nee,ja,ja,nee,ja,\r\nc,,,nee,nee,nee,nee\r\n"
        let result = ScoreCSV.score(input, version: .six)
        #expect(result.problems.isEmpty)
        #expect(result.output == "id,total,emotional,social,level\n\"a,1\",6,3,3,sterk\nb,0,,0,niet\nc,,,,\n")
    }

    @Test func unknownAnswersAreReportedWithLineAndColumn() {
        let input = "id,q3,q4,q7,q8,q9,q10\nx,ja,nee,misschien,nee,ja,ja\ny,ja,ja,ja,ja,ja,ja\n"
        let result = ScoreCSV.score(input, version: .six)
        #expect(result.problems == [.init(line: 2, column: "q7", message: "unknown answer \"misschien\"")])
        #expect(result.output == "id,total,emotional,social,level\nx,,,,\ny,3,3,0,matig\n")
    }

    @Test func aMissingColumnIsReported() {
        let result = ScoreCSV.score("id,q1,q2\n1,ja,nee\n", version: .eleven)
        #expect(result.problems.count == 1)
        #expect(result.problems[0].column.contains("q3"))
        #expect(!ScoreCSV.score("", version: .six).problems.isEmpty)
    }
}

/// A small deterministic generator, so the generated file is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
