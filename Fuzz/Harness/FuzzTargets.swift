import Foundation
import MLEArchive
import MLEBasics
import MLEModel
import MLETable

/// The four parsers that read untrusted bytes, each as a function of one input.
///
/// A parser may refuse an input with an error; it must never trap, hang or break its own
/// invariants (those are checked here with `precondition`, so a violation is a crash the
/// fuzzer reports).
enum FuzzTargets {
    static let names = ["csv", "toml", "tree", "archive"]

    static func run(_ target: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch target {
        case "csv": csv(bytes)
        case "toml": toml(bytes)
        case "tree": tree(bytes)
        case "archive": archive(bytes)
        default: fatalError("unknown fuzz target '\(target)': expected one of \(names.joined(separator: ", "))")
        }
    }

    /// Submissions and raw tables: pandas-compatible reading, typing, writing, and the grading
    /// read (numbers captured, the first column as join keys).
    static func csv(_ bytes: UnsafeBufferPointer<UInt8>) {
        var key: String?
        if let table = try? CSVTable(bytes: bytes, options: CSVTable.Options(threads: 1)) {
            for c in 0..<table.columnCount {
                _ = table.columnType(at: c)
                for r in 0..<min(table.rowCount, 4) { _ = table.csvText(row: r, column: c) }
            }
            key = table.columnNames.first
            // Written as pandas writes (a lone "\r" unquoted), so reading it back may differ:
            // only that writing never traps is checked.
            _ = table.csvData(options: CSVTable.Options(threads: 1))
        }
        let grading = CSVTable.Options(threads: 1, capturesNumbers: true, keyColumn: key)
        if let table = try? CSVTable(bytes: bytes, options: grading), table.columnCount > 0 {
            for c in 0..<table.columnCount { _ = table.numbers(column: c) }
            _ = table.joinKeys(column: 0, threads: 1)
        }
    }

    /// Recipes and lockfiles.
    static func toml(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = try? TOMLParser.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Tree manifests: decoding, the canonical encoding round trip, and the shape check.
    static func tree(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let manifest = try? TreeManifest.decode(Data(bytes)) else { return }
        let again = try? TreeManifest.decode(manifest.encoded())
        precondition(again == manifest, "a manifest does not survive its own encoding")
        var shape = TreeShape()
        for e in manifest.entries {
            do {
                try shape.add(e.path, kind: e.mode == .symlink ? .symlink(target: String(e.path.prefix(3))) : .file)
            } catch {
                return
            }
        }
        try? shape.finish()
    }

    /// Archives of every format libarchive reads, through the unpacker's checks and limits.
    static func archive(_ bytes: UnsafeBufferPointer<UInt8>) {
        let path = scratch
        guard let fd = Optional(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)), fd >= 0 else { return }
        _ = write(fd, bytes.baseAddress, bytes.count)
        close(fd)
        let limits = UnpackLimits(maxTotalSize: 64 << 20, maxEntries: 10_000, maxRatio: 200, ratioFloor: 1 << 20)
        try? Unpacker(limits: limits).unpack(archiveAt: path) { entry in
            if case .file(_, _, let read) = entry {
                while try !read().isEmpty {}
            }
        }
    }

    static let scratch: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(dir)/mlepkg-fuzz-\(getpid()).archive"
    }()
}
