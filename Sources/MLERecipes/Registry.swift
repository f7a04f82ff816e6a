import Foundation

/// The recipes under a registry directory (`registry/<id>/recipe.toml`).
public struct Registry: Sendable {
    public let directory: String
    public let recipes: [Recipe]
    /// The text of each recipe file, by id (its digest goes into build keys and lockfiles).
    public let sources: [String: String]

    /// Loads every recipe, or only those named in `only` (grading one competition need not
    /// parse, nor be stopped by, the other 81); the first malformed one stops the load with its
    /// file and line.
    public static func load(directory: String, only: [String]? = nil) throws -> Registry {
        var names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw RecipeError(file: directory, line: 0, field: "", message: "cannot read the registry directory (pass --registry DIR or set MLEPKG_REGISTRY)")
        }
        if let only {
            let wanted = Set(only)
            names = names.filter(wanted.contains)
        }
        var recipes: [Recipe] = []
        var sources: [String: String] = [:]
        for name in names {
            let file = "\(directory)/\(name)/recipe.toml"
            guard FileManager.default.fileExists(atPath: file) else { continue }
            guard let data = FileManager.default.contents(atPath: file),
                  let text = String(data: data, encoding: .utf8) else {
                throw RecipeError(file: file, line: 0, field: "", message: "not readable UTF-8 text")
            }
            let recipe = try RecipeDecoder.decode(text, file: file)
            guard recipe.id == name else {
                throw RecipeError(file: file, line: 1, field: "id", message: "expected '\(name)' (the directory's name), got '\(recipe.id)'")
            }
            recipes.append(recipe)
            sources[recipe.id] = text
        }
        return Registry(directory: directory, recipes: recipes, sources: sources)
    }

    public func recipe(_ id: String) -> Recipe? { recipes.first { $0.id == id } }

    /// Recipes named by id, or all. Filters are the catalog's selection language
    /// (MLECatalog's `SelectionFilter`), which sees recipe and Meta Kaggle fields together.
    public func select(ids: [String]) throws -> [Recipe] {
        var chosen: [Recipe] = []
        for id in ids {
            guard let r = recipe(id) else { throw RegistryError.unknownCompetition(id, directory: directory) }
            chosen.append(r)
        }
        return ids.isEmpty ? recipes : chosen
    }
}

public enum RegistryError: Error, Sendable, CustomStringConvertible {
    case unknownCompetition(String, directory: String)

    public var description: String {
        switch self {
        case .unknownCompetition(let id, let dir): return "no recipe for '\(id)' in '\(dir)'"
        }
    }
}
