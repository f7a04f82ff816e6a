import ArgumentParser
import Foundation
import MLEModel
import MLEWorkspace

extension MLEPkg {
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download files into the store, verifying every byte.",
            discussion: """
            Sources are http(s)://, file:// or Kaggle references:
              kaggle://competitions/SLUG[/FILE]     a competition's files (rules must be accepted)
              kaggle://datasets/OWNER/NAME[/FILE]   a dataset; Meta Kaggle is kaggle/meta-kaggle

            With --sha256 the fetch is fixed-output: the store and the drop folders are \
            searched by content first, and bytes that hash differently are refused and not stored. \
            Interrupted downloads resume where they stopped on the next run.

            Examples:
              mlepkg fetch https://example.org/train.csv --sha256 4f0c…e1
              mlepkg fetch kaggle://competitions/spaceship-titanic --unpack
              mlepkg fetch https://a.example/x.zip --mirror https://b.example/x.zip --sha256 …
              MLEPKG_OFFLINE=1 mlepkg fetch URL --sha256 HEX --distdir /mnt/drop
            """
        )

        @Argument(help: "The URLs or Kaggle references to fetch (several are fetched in parallel).")
        var sources: [String]

        @Option(help: "The expected SHA-256 (hex or sha256:hex); needs exactly one source.")
        var sha256: ObjectID?

        @Option(help: "The expected size in bytes; needs exactly one source.")
        var size: Int64?

        @Option(name: .customLong("mirror"), help: "Another URL serving the same file; tried in order.")
        var mirrors: [String] = []

        @Flag(help: "Unpack the archive into a store tree after fetching.")
        var unpack = false

        @Option(name: .customLong("distdir"), help: "A drop folder searched by content hash (repeatable).")
        var distdirs: [String] = []

        @Option(help: "Keep the result through 'store gc' under this ref name.")
        var ref: String?

        @Option(help: "Downloads to run at once.")
        var jobs: Int?

        @Option(help: "Kaggle API base URL.")
        var kaggleAPI: String?

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(name: .shortAndLong, help: "No progress bar.")
        var quiet = false

        func validate() throws {
            if (sha256 != nil || size != nil || !mirrors.isEmpty || ref != nil) && sources.count != 1 {
                throw ValidationError("Please pass exactly one source with --sha256, --size, --mirror or --ref.")
            }
            if let jobs, jobs < 1 { throw ValidationError("Please pass a --jobs of at least 1.") }
            for s in sources {
                do { _ = try SourceRef(parsing: s) } catch { throw ValidationError("\(error)") }
            }
        }

        func run() throws {
            let state = try CommandState.make(quiet: quiet || json) { config in
                config.distdirs += distdirs
                if let jobs { config.jobs = jobs }
                if let kaggleAPI { config.kaggle = .init(apiBase: kaggleAPI) }
            }
            try state.run {
                let requests = try sources.map {
                    FetchRequest(source: try SourceRef(parsing: $0), mirrors: mirrors, sha256: sha256, size: size, unpack: unpack)
                }
                let results = state.workspace.fetchAll(requests)
                var reports: [FetchReport] = []
                var firstError: (any Error)?
                for (request, result) in zip(requests, results) {
                    switch result {
                    case .success(let r):
                        if let ref { try state.workspace.store.setRef(ref, to: r.tree ?? r.object, kind: "user") }
                        reports.append(FetchReport(r))
                        if !json {
                            state.output.print("\(r.object)  \(r.source)")
                            if let tree = r.tree { state.output.print("\(tree)  \(r.source) (unpacked, \(r.files ?? 0) files)") }
                        }
                    case .failure(let error):
                        if requests.count > 1 {
                            state.output.warn("\(request.source): \(error)")
                        }
                        firstError = firstError ?? error
                    }
                }
                if json { try state.output.printJSON(reports) }
                if let firstError { throw firstError }
            }
        }
    }
}

struct FetchReport: Encodable {
    var source: String
    var object: String
    var size: Int64
    var origin: String
    var tree: String?
    var files: Int?

    init(_ r: FetchResult) {
        source = r.source
        object = r.object.description
        size = r.size
        origin = r.origin.description
        tree = r.tree?.description
        files = r.files
    }
}
