/// What is known about the person a signal is about, for finding the same person twice.
public struct PersonKey: Sendable, Equatable {
    public var name: String
    public var birthYear: Int?
    public var postcode: String?
    public var houseNumber: String?

    public init(name: String, birthYear: Int? = nil, postcode: String? = nil, houseNumber: String? = nil) {
        self.name = name
        self.birthYear = birthYear
        self.postcode = postcode
        self.houseNumber = houseNumber
    }
}

/// Why two reports are probably about the same person.
public enum DuplicateReason: String, Sendable, Equatable {
    case sameNameAndBirthYear = "same_name_and_birth_year"
    case sameAddress = "same_address"
}

/// Finds earlier records about the same person (issue: "same name + birth year, or same address").
public enum DuplicateMatcher {
    /// Lower-cased, common accents folded, punctuation dropped and spaces collapsed, so "Jan de Vries"
    /// matches "jan  de Vriës". Initials are not expanded: "J. de Vries" is a different name.
    public static func normalisedName(_ name: String) -> String {
        let folded = name.lowercased().unicodeScalars.compactMap { scalar -> Character? in
            let mapped = foldAccent(scalar)
            return mapped.isLetter ? mapped : (mapped.isWhitespace ? " " : nil)
        }
        return String(folded).split(separator: " ").joined(separator: " ")
    }

    static func foldAccent(_ scalar: Unicode.Scalar) -> Character {
        let table: [Character: Character] = [
            "á": "a", "à": "a", "ä": "a", "â": "a", "é": "e", "è": "e", "ë": "e", "ê": "e", "í": "i", "ï": "i", "î": "i",
            "ó": "o", "ö": "o", "ô": "o", "ú": "u", "ü": "u", "û": "u", "ç": "c", "ñ": "n", "ĳ": "y",
        ]
        let character = Character(scalar)
        return table[character] ?? character
    }

    /// "9401 ab" → "9401AB"; house numbers compared without spaces, case-insensitively ("12 a" = "12A").
    static func address(_ key: PersonKey) -> String? {
        guard let postcode = key.postcode.flatMap(Postcode.init), let number = key.houseNumber?.uppercased().filter({ !$0.isWhitespace }),
              !number.isEmpty
        else { return nil }
        return "\(postcode.digits)\(postcode.letters)|\(number)"
    }

    /// The reason `candidate` is probably the same person as `new`, or nil.
    public static func match(_ new: PersonKey, _ candidate: PersonKey) -> DuplicateReason? {
        if let year = new.birthYear, year == candidate.birthYear {
            let a = normalisedName(new.name), b = normalisedName(candidate.name)
            if !a.isEmpty, a == b { return .sameNameAndBirthYear }
        }
        if let a = address(new), a == address(candidate) { return .sameAddress }
        return nil
    }
}
