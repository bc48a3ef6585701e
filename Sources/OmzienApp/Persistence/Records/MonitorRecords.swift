import FluentKit
import Foundation
import OmzienCore

/// A survey dataset as the rest of the app sees it.
public struct MonitorDataset: Sendable, Equatable {
    public var id: UUID
    public var municipalityID: UUID
    public var source: String
    public var year: Int
    public var population: AgeRange
    public var mode: SurveyMode
    public var fileName: String
    public var byteCount: Int
    public var weightColumn: String
    public var strataColumn: String?
    public var createdBy: UUID
    public var createdAt: Date
    /// Until when the microdata are kept; nil once they are gone (or were never kept).
    public var microdataKeptUntil: Date?

    public func metadata(for indicator: PrevalenceCSV.Indicator) -> FigureMetadata {
        FigureMetadata(source: source, indicator: indicator, population: population, mode: mode)
    }
}

/// What a new dataset is described with.
public struct NewMonitorDataset: Sendable {
    public var source: String
    public var year: Int
    public var population: AgeRange
    public var mode: SurveyMode
    public var fileName: String
    public var byteCount: Int
    public var weightColumn: String
    public var strataColumn: String?
}

/// A computed table of a dataset: cells by the grouping columns, plus the overall figure.
public struct MonitorTable: Sendable, Equatable {
    public var id: UUID
    public var datasetID: UUID
    public var indicator: PrevalenceCSV.Indicator
    public var by: [String]
    public var items: [String]
    public var minN: Int
    public var overall: PrevalenceCell
    public var cells: [PrevalenceCell]
    public var createdAt: Date
}
