import FluentKit
import Foundation
import OmzienCore

/// A local population figure as the report shows it (from the population monitor), with what makes it comparable.
public struct PopulationFigure: Sendable, Equatable, Codable {
    public var label: String
    public var year: Int
    public var estimate: Double
    public var lower: Double?
    public var upper: Double?
    public var n: Int
}

/// Everything a yearly report shows apart from the commentary: kept whole when the report is finalised.
public struct EvaluationReportContent: Sendable, Equatable, Codable {
    public var year: Int
    public var figures: EvaluationFigures
    public var previous: EvaluationFigures
    public var coverage: [FigureTable]
    public var population: [PopulationFigure]
    public var madeOn: CivilDate
}

/// A yearly report: draft (live figures, commentary can change) or final (figures and commentary frozen).
public struct EvaluationReport: Sendable, Equatable {
    public var year: Int
    public var commentary: [String: String]
    public var isFinal: Bool
    public var content: EvaluationReportContent?
    public var finalisedAt: Date?
    public var finalisedBy: UUID?
}

public enum EvaluationReportError: Error, Equatable {
    /// A finalised report is kept as it was.
    case alreadyFinal
}
