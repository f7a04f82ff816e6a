import ArgumentParser
import Foundation
import MLEWorkspace

/// Shell completion (`mlepkg --generate-completion-script bash|zsh|fish`) of competition ids,
/// from the registry the command would use: `--registry DIR` when it is on the line, else the
/// configured or default one. Only folder names are listed (no recipe is parsed), so a
/// completion costs a directory listing.
enum Completions {
    static let competitionIDs = CompletionKind.custom { words, _, prefix in
        var directory = (try? WorkspaceConfiguration.load())?.registryDirectory
        for (i, word) in words.enumerated() {
            if word == "--registry", i + 1 < words.count { directory = words[i + 1] }
            if word.hasPrefix("--registry=") { directory = String(word.dropFirst("--registry=".count)) }
        }
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(prefix) && FileManager.default.fileExists(atPath: "\(directory)/\($0)/recipe.toml") }.sorted()
    }
}
