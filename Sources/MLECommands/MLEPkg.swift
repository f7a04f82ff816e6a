import ArgumentParser
import Foundation
import MLEBasics

/// The root command. Subcommands live one per file.
public struct MLEPkg: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mlepkg",
        abstract: "Build, pin, share and run ML-engineering benchmarks.",
        discussion: """
        mlepkg keeps every input and output in a content-addressed store (SHA-256), \
        so that builds are reproducible byte for byte and work offline.

        Environment:
          MLEPKG_HOME        store location (default: $XDG_DATA_HOME/mlepkg)
          MLEPKG_OFFLINE=1   never use the network; serve from the store and drop folders
          MLEPKG_DISTDIR     drop folders (colon-separated) searched by content hash
          MLEPKG_MIRRORS     mirrors (comma-separated) 'build --locked' pulls missing inputs from
          MLEPKG_TRUSTED_KEYS  Ed25519 public keys (colon-separated) pulled locks must be signed by
          AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_ENDPOINT_URL   s3:// mirrors
          KAGGLE_USERNAME, KAGGLE_KEY, KAGGLE_CONFIG_DIR   Kaggle credentials

        Shell completion, competition ids included:
          source <(mlepkg --generate-completion-script bash)    # or zsh, fish

        Exit codes: 0 success, 1 failure, 3 integrity failure \
        (hash mismatch, corrupt object), 4 source unavailable (network, offline, Kaggle), \
        64 usage error.
        """,
        version: MLEPkgVersion.current,
        subcommands: [Fetch.self, Store.self, Fsck.self, Recipes.self, Build.self, Lock.self, Verify.self, Split.self, Medal.self, Report.self, Grade.self, Validate.self, Catalog.self, Mirror.self, Serve.self, Diff.self, Key.self, Run.self, SandboxBench.self]
    )

    public init() {}
}

public enum MLEPkgVersion {
    public static let current = MLEPkgInfo.version
}

extension MLEPkg {
    /// The program's entry: ArgumentParser's `main()` plus what it does not do — a mistyped
    /// subcommand gets a suggestion, `help` of an unknown command fails, and under `--json`
    /// a usage error is a JSON document too.
    public static func entry(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        if let message = unknownCommand(in: arguments) {
            let json = arguments.contains("--json")
            if TerminalOutput.errorTextWanted(json: json) {
                FileHandle.standardError.write(Data("error: \(message)\nsee 'mlepkg --help'\n".utf8))
            }
            if json { printErrorJSON(message, code: ExitCode.validationFailure.rawValue) }
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if arguments.contains("--json"), code != .success, !(error is ExitCode) {
                printErrorJSON(TerminalOutput.oneLine(message(for: error)), code: code.rawValue)
                if !TerminalOutput.errorTextWanted(json: true) { Foundation.exit(code.rawValue) }
            }
            exit(withError: error)
        }
    }

    static func printErrorJSON(_ message: String, code: Int32) {
        try? TerminalOutput(quiet: true, json: true).printJSON(ErrorJSON(error: message, exitCode: code))
    }

    /// The first word that should name a subcommand and does not, with the nearest names.
    static func unknownCommand(in arguments: [String]) -> String? {
        var args = arguments[...]
        if args.first == "help" { args = args.dropFirst() }
        return unknownCommand(Array(args), under: MLEPkg.configuration.subcommands, path: "mlepkg")
    }

    static func unknownCommand(_ words: [String], under subcommands: [any ParsableCommand.Type], path: String) -> String? {
        guard let word = words.first, !word.hasPrefix("-"), !subcommands.isEmpty else { return nil }
        let names = subcommands.map { $0._commandName }
        guard let index = names.firstIndex(of: word) else {
            let near = names.filter { editDistance($0, word) <= (word.count >= 4 ? 2 : 1) || $0.hasPrefix(word) }
            return "'\(word)' is not a \(path) command" + (near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?")
                + " (commands: \(names.joined(separator: ", ")))"
        }
        return unknownCommand(Array(words.dropFirst()), under: subcommands[index].configuration.subcommands, path: "\(path) \(word)")
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
