import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import OmzienApp
import OmzienCore
import Prometheus

/// The `omzien` command line. Kept thin: everything real lives in OmzienApp.
@main
struct Omzien: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Omzien – from the first signal of loneliness to a measured outcome and back into policy.",
        subcommands: [Serve.self, Demo.self, Migrate.self, SettingsCommand.self, UserCommand.self, Score.self, MonitorCommand.self, MatchCommand.self, CatalogueCommand.self],
        defaultSubcommand: Serve.self)
}

/// The settings every server command accepts; they override the file and the environment.
///
/// Every setting of the one settings list (`ConfigurationLoader`) is a flag: argument-parser has no
/// options made at run time, so the flags are collected unparsed and checked against that list, and
/// `--help` lists them from it (``settingsHelp``).
struct SettingsOptions: ParsableArguments {
    @Option(help: "JSON configuration file (also OMZIEN_CONFIG).") var config: String?
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Any setting as --key value or --key=value (listed below).", valueName: "--key value"))
    var settingArguments: [String] = []

    /// The settings list for a command's `--help`.
    static var settingsHelp: String { ConfigurationLoader.helpText() }

    /// The settings given as flags, by key; an unknown flag stops with a message that names it.
    func flags() throws -> [String: String] {
        do { return try ConfigurationLoader.flags(from: settingArguments) } catch { throw ValidationError(error.description) }
    }

    func validate() throws { _ = try flags() }

    /// Loads the configuration or stops with a message that names the bad setting.
    func load(overrides: [String: String] = [:]) throws -> AppConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let given = try flags()
        do {
            return try ConfigurationLoader.load(
                file: config ?? environment["OMZIEN_CONFIG"], environment: environment, flags: overrides.merging(given) { _, flag in flag })
        } catch {
            throw ValidationError(error.description)
        }
    }
}

func makeLogger(_ configuration: AppConfiguration) -> Logger {
    var logger = Logger(label: "omzien")
    logger.logLevel = configuration.logLevel
    return logger
}

/// Prometheus is the process-wide metrics backend; bootstrapped once per process.
let prometheus: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

func run(_ configuration: AppConfiguration, services: AppServices, logger: Logger) async throws {
    logger.info("Omzien listens on http://\(configuration.host):\(configuration.port) using \(configuration.database)")
    try await OmzienApplication.application(services: services, logger: logger).runService()
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server.", discussion: SettingsOptions.settingsHelp)
    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let configuration = try settings.load()
        let logger = makeLogger(configuration)
        let services = try await AppServices.make(configuration: configuration, logger: logger, metrics: prometheus)
        try await omzien.run(configuration, services: services, logger: logger)
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a fresh demo database with a fictional municipality, print the logins and serve.",
        discussion: SettingsOptions.settingsHelp)
    @OptionGroup var settings: SettingsOptions
    @Flag(help: "Start without example cases: no example signals, volunteers' waiting list or social map.") var noExampleSignals = false
    @Option(help: "How much casework history to add: none (default), medium (3,000 signals) or large (100,000 signals, 50,000 trajectories, 200,000 contact-log entries, 20,000 referrals).")
    var size: HistorySize = .none

    enum HistorySize: String, ExpressibleByArgument, CaseIterable {
        case none, medium, large
        var history: DemoHistory.Size? {
            switch self {
            case .none: nil
            case .medium: .medium
            case .large: .large
            }
        }
    }

    func run() async throws {
        // Default file: ./data/demo.sqlite, made anew on every start.
        var configuration = try settings.load(overrides: ["bcrypt-cost": "10"])
        if case .sqliteFile(let path) = configuration.database {
            let demoPath = try settings.flags()["sqlite-path"] ?? "./data/demo.sqlite"
            configuration.database = .sqliteFile(path: demoPath)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: demoPath + suffix) }
            _ = path
        }
        configuration.migrateOnStart = true
        let logger = makeLogger(configuration)
        let services = try await AppServices.make(configuration: configuration, logger: logger, metrics: prometheus)
        let logins = try await DemoData.seed(into: services, withSignals: !noExampleSignals || size != .none)
        if let history = size.history {
            let started = Date()
            do {
                try await DemoHistory.seed(into: services, size: history, today: services.clock.today) { step in
                    print("history: \(step) (\(Int(Date().timeIntervalSince(started))) s)")
                    fflush(nil)
                }
            } catch {
                try? await services.database.shutdown()
                throw ValidationError("The demo history could not be written: \(String(reflecting: error))")
            }
        }
        print("""

            Omzien demo – Gemeente Lindewaard (fictional)
            Open http://\(configuration.host):\(configuration.port) and log in with one of these (password: \(DemoData.password)):
            """)
        for login in logins {
            print("  \(login.role.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(login.email)  (\(login.municipality))")
        }
        print("")
        // Standard output to a pipe or file is block-buffered: without a flush the logins appear only at exit.
        fflush(nil)
        try await omzien.run(configuration, services: services, logger: logger)
    }
}

/// The settings list as text, as the README table, or written into the README.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "List every setting (flag, environment variable, default); the README table is made from this.")
    @Flag(help: "Print the README's Markdown table.") var markdown = false
    @Option(help: "Replace the settings table in this README (between its markers).") var writeReadme: String?

    func run() throws {
        guard let path = writeReadme else {
            print(markdown ? ConfigurationLoader.markdownTable() : ConfigurationLoader.helpText())
            return
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let updated = ConfigurationLoader.readme(withTableIn: text) else {
            throw ValidationError("\(path) has no settings table markers: \(ConfigurationLoader.tableMarkers.0)")
        }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
        print("Settings table in \(path) updated.")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.", discussion: SettingsOptions.settingsHelp)
    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        var configuration = try settings.load()
        configuration.migrateOnStart = true
        let services = try await AppServices.make(configuration: configuration, logger: makeLogger(configuration))
        try await services.database.shutdown()
        print("Migrations applied to \(configuration.database).")
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [Create.self, ResetLink.self, List.self])

    /// Opens the services for a short CLI job and always closes the database.
    static func withServices<T>(_ settings: SettingsOptions, _ body: (AppServices) async throws -> T) async throws -> T {
        let configuration = try settings.load()
        let services = try await AppServices.make(configuration: configuration, logger: makeLogger(configuration))
        do {
            let result = try await body(services)
            try await services.database.shutdown()
            return result
        } catch {
            try? await services.database.shutdown()
            throw error
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user and print a one-time link to set the password.")
        @OptionGroup var settings: SettingsOptions
        @Option(help: "E-mail address (login name).") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Municipality code, e.g. GM9901.") var municipality: String
        @Option(help: "Team name (professionals).") var team: String?
        @Option(help: "Organisation name.") var organisation: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("Unknown role '\(role)'.") }
            guard let address = EmailAddress(email) else { throw ValidationError("'\(email)' is not an e-mail address.") }
            let link = try await UserCommand.withServices(settings) { services in
                guard let place = try await services.organisations.municipality(code: municipality) else {
                    throw ValidationError("No municipality with code \(municipality).")
                }
                let teams = try await services.organisations.teams(municipalityID: place.id)
                let organisations = try await services.organisations.organisations(municipalityID: place.id)
                let teamID = try team.map { name in
                    guard let found = teams.first(where: { $0.name == name }) else { throw ValidationError("No team '\(name)' in \(municipality).") }
                    return found.id
                }
                let organisationID = try organisation.map { name in
                    guard let found = organisations.first(where: { $0.name == name }) else {
                        throw ValidationError("No organisation '\(name)' in \(municipality).")
                    }
                    return found.id
                }
                let user = try await services.users.save(
                    UserDraft(email: address.value, name: name, role: role, teamID: teamID, organisationID: organisationID),
                    municipalityID: place.id)
                let token = try await services.passwordTokens.issue(userID: user.id, createdBy: "cli")
                return "\(services.configuration.publicURL)/wachtwoord/\(token)"
            }
            print("User created. One-time link to set the password (valid 3 days):\n\(link)")
        }
    }

    struct ResetLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-link", abstract: "Print a one-time link to reset a password.")
        @OptionGroup var settings: SettingsOptions
        @Option(help: "E-mail address of the user.") var email: String

        func run() async throws {
            let link = try await UserCommand.withServices(settings) { services in
                guard let user = try await services.users.user(email: email) else { throw ValidationError("No user with e-mail \(email).") }
                let token = try await services.passwordTokens.issue(userID: user.id, createdBy: "cli")
                return "\(services.configuration.publicURL)/wachtwoord/\(token)"
            }
            print(link)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var settings: SettingsOptions
        @Option(help: "Only this municipality (code).") var municipality: String?

        func run() async throws {
            let lines = try await UserCommand.withServices(settings) { services in
                let places = try await services.organisations.municipalities()
                let codes = Dictionary(uniqueKeysWithValues: places.map { ($0.id, $0.code) })
                return try await services.users.allUsers()
                    .filter { municipality == nil || codes[$0.municipalityID] == municipality?.uppercased() }
                    .map { "\(codes[$0.municipalityID] ?? "?")\t\($0.role.rawValue)\t\($0.active ? "active" : "inactive")\t\($0.email)\t\($0.name)" }
            }
            print("municipality\trole\tstatus\temail\tname")
            lines.forEach { print($0) }
        }
    }
}

/// Batch scoring of De Jong Gierveld answers: CSV on standard input, scores on standard output.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score De Jong Gierveld answers: CSV (id,q1..q11 or id,q3,q4,q7,q8,q9,q10) on stdin → id,total,emotional,social,level.")

    @Option(help: "djg11 or djg6.") var instrument: String = "djg11"
    @Option(help: "11 items: how many answers may be missing before the total is missing.") var maxMissing: Int = 0

    func run() throws {
        guard let version = DJGVersion(rawValue: instrument) else { throw ValidationError("--instrument must be djg11 or djg6") }
        guard (0...10).contains(maxMissing) else { throw ValidationError("--max-missing must be 0 to 10") }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let result = ScoreCSV.score(input, version: version, maxMissing: maxMissing)
        FileHandle.standardOutput.write(Data(result.output.utf8))
        for problem in result.problems {
            FileHandle.standardError.write(Data("omzien score: \(problem)\n".utf8))
        }
        if !result.problems.isEmpty { throw ExitCode(2) }
    }
}

/// Population monitor commands.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor", abstract: "Population monitor: prevalence tables from survey microdata.", subcommands: [Prevalence.self])

    struct Prevalence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Weighted prevalence with stratified Taylor standard errors and logit intervals (as R survey), per domain.")
        @Option(help: "Survey microdata, CSV with a header.") var input: String
        @Option(help: "Weight column.") var weight: String
        @Option(help: "Stratum column (optional).") var strata: String?
        @Option(help: "Domain columns, comma-separated (none = overall).") var by: String?
        @Option(help: "lonely, strongly-lonely, very-strongly-lonely, lonely6, strongly-lonely6.") var indicator: String = "lonely"
        @Option(help: "Item columns in manual order, e.g. q1..q11 (or six names for the 6-item indicators).") var items: String
        @Option(help: "Suppress domains with fewer respondents than this.") var minN: Int = 50
        @Option(help: "DJG-11: answers that may be missing before the score is missing.") var maxMissing: Int = 0
        @Option(help: "csv or json.") var format: String = "csv"

        func run() throws {
            guard let indicator = PrevalenceCSV.Indicator(rawValue: indicator) else {
                throw ValidationError("--indicator must be one of \(PrevalenceCSV.Indicator.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
            guard let data = FileManager.default.contents(atPath: input) else { throw ValidationError("cannot read \(input)") }
            let byColumns = by.map { $0.split(separator: ",").map(String.init) } ?? []
            let options = PrevalenceCSV.Options(
                weight: weight, strata: strata, by: byColumns, indicator: indicator, items: PrevalenceCSV.itemColumns(items),
                minN: minN, maxMissing: maxMissing)
            do {
                let rows = try PrevalenceCSV.estimate(data, options: options)
                let text = format == "json" ? PrevalenceCSV.json(rows, by: byColumns) : PrevalenceCSV.csv(rows, by: byColumns)
                FileHandle.standardOutput.write(Data(text.utf8))
            } catch {
                FileHandle.standardError.write(Data("omzien monitor prevalence: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// Volunteer coupling commands.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Volunteer coupling: the assignment solver.", subcommands: [Solve.self])

    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Optimal assignment for a cost matrix (CSV: a row per person, a column per volunteer, no header; empty or inf = forbidden).",
            discussion: """
                Prints {"total": <sum>, "pairs": [[row, col], ...], "unassigned_rows": [...]} with 0-based indices. Assigns \
                min(rows, columns) pairs when the forbidden pairs allow it, otherwise as many as possible at the lowest total.
                """)
        @Option(help: "The cost matrix, or - for standard input.") var input: String = "-"
        @Flag(help: "Treat the values as scores and maximise the total.") var maximize = false
        @Flag(help: "Print the solver's own time (not reading or printing) to standard error as solver_seconds=<s>.") var timing = false

        func run() throws {
            let data: Data
            if input == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: input) else { throw ValidationError("cannot read \(input)") }
                data = contents
            }
            let matrix: CostMatrix
            do {
                matrix = try CostMatrixCSV.parse(data)
            } catch {
                FileHandle.standardError.write(Data("omzien match solve: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let clock = ContinuousClock()
            let start = clock.now
            let assignment = AssignmentSolver.solve(matrix, maximize: maximize)
            let elapsed = clock.now - start
            if timing {
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                FileHandle.standardError.write(Data("solver_seconds=\(seconds)\n".utf8))
            }
            FileHandle.standardOutput.write(Data((CostMatrixCSV.json(assignment) + "\n").utf8))
        }
    }
}

/// Social map commands: Open Referral HSDS 3.0 export and import.
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "The social map: exchange with other systems as Open Referral HSDS 3.0.",
        subcommands: [ExportHSDS.self, ImportHSDS.self])

    struct ExportHSDS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-hsds", abstract: "Write the municipality's social map as an HSDS 3.0 tabular data package (CSV files and datapackage.json).")
        @OptionGroup var settings: SettingsOptions
        @Option(help: "Municipality code, e.g. GM9901.") var municipality: String
        @Option(help: "Directory to write into (created when missing).") var out: String

        func run() async throws {
            let files = try await UserCommand.withServices(settings) { services -> [String: Data] in
                guard let place = try await services.organisations.municipality(code: municipality.uppercased()) else {
                    throw ValidationError("No municipality with code \(municipality).")
                }
                let (catalogue, _) = try await CatalogueExchange(services: services).catalogue(municipalityID: place.id)
                return HSDSPackage.export(catalogue)
            }
            let directory = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, data) in files.sorted(by: { $0.key < $1.key }) { try data.write(to: directory.appendingPathComponent(name)) }
            print("Wrote \(files.count) files to \(out).")
        }
    }

    struct ImportHSDS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-hsds",
            abstract: "Read an HSDS 3.0 package directory or HSDS JSON file into a municipality's social map (creates or updates).",
            discussion: "Invalid rows are reported with file, row and reason and the rest is imported; unknown columns and tables are reported. Exit code 2 when anything was reported.")
        // The path comes first: the settings group collects every other word, and argument-parser refuses a
        // positional argument after such a list.
        @Argument(help: "A package directory (CSV files, optionally datapackage.json) or an HSDS JSON file.") var path: String
        @OptionGroup var settings: SettingsOptions
        @Option(help: "Municipality code (needed when there is more than one).") var municipality: String?

        func run() async throws {
            let result: HSDSImportResult
            do { result = try CatalogueExchange.read(path: path) } catch { throw ValidationError("Cannot read \(path): \(error.localizedDescription)") }
            let report = try await UserCommand.withServices(settings) { services -> CatalogueExchange.Report in
                let all = try await services.organisations.municipalities()
                let target = municipality.map { code in all.first { $0.code == code.uppercased() } } ?? (all.count == 1 ? all.first : nil)
                guard let target else {
                    throw ValidationError("Choose the municipality with --municipality: \(all.map(\.code).sorted().joined(separator: ", ")).")
                }
                return try await CatalogueExchange(services: services).store(result, municipalityID: target.id)
            }
            print("Imported \(report.organisations) organisations and \(report.activities) services"
                  + (report.renumbered > 0 ? " (\(report.renumbered) given new ids: theirs are used by another municipality)." : "."))
            for problem in report.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            if !report.problems.isEmpty { throw ExitCode(2) }
        }
    }
}
