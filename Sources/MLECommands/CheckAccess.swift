import ArgumentParser
import Foundation
import MLERecipes

extension MLEPkg.Build {
    /// `--check-access`: lists the competitions whose rules the Kaggle account has not accepted,
    /// with their rules pages, and stops before any download (exit 4).
    static func requireAccess(_ recipes: [Recipe], state: CommandState) throws {
        let problems = try state.workspace.checkAccess(recipes)
        guard !problems.isEmpty else { return }
        for p in problems {
            state.output.warn("\(p.competition): the Kaggle account has not accepted the competition's rules; accept them at \(p.rules_url)")
        }
        FileHandle.standardError.write(Data("error: \(problems.count) of \(Format.count(recipes.count, "competition")) need their rules accepted on Kaggle first; nothing was built\n".utf8))
        throw Exit.unavailable
    }
}
