import Foundation
import GRDB
import MLEModel

/// One object the store holds.
public struct ObjectRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "object"
    public var digest: String
    public var kind: String
    public var size: Int64
    public var createdAt: Date

    public var id: ObjectID { ObjectID(trustedHex: digest) }
}

/// Where an object's bytes came from.
public struct SourceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "source"
    public var digest: String
    public var url: String
    public var fetchedAt: Date
    public var size: Int64

    public init(digest: ObjectID, url: String, fetchedAt: Date, size: Int64) {
        self.digest = digest.hex
        self.url = url
        self.fetchedAt = fetchedAt
        self.size = size
    }
}

/// A named root that keeps an object (and, for a tree, everything in it) alive through `gc`.
///
/// Kinds in use: `user` (`store add --ref`), `build` (a build's outputs), `lock` (a lockfile's pins).
public struct RefRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ref"
    public var name: String
    public var digest: String
    public var kind: String
    public var createdAt: Date

    public init(name: String, digest: ObjectID, kind: String, createdAt: Date = Date()) {
        self.name = name
        self.digest = digest.hex
        self.kind = kind
        self.createdAt = createdAt
    }
}

/// The SQLite index: the store's catalogue of objects, their sources and the refs that keep them.
///
/// The files under `objects/` are the truth about bytes; the index is the truth about
/// everything else. Migrations are named and forward-only.
struct StoreIndex: Sendable {
    let db: DatabaseQueue

    init(path: String?) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        do {
            if let path {
                db = try DatabaseQueue(path: path, configuration: config)
                // WAL lets readers proceed while another process writes.
                try db.writeWithoutTransaction {
                    try $0.execute(sql: "PRAGMA journal_mode=WAL")
                    // In WAL mode NORMAL never corrupts; a power loss may drop the last commits,
                    // which fsck reports as orphans (harmless; gc removes them).
                    try $0.execute(sql: "PRAGMA synchronous=NORMAL")
                }
            } else {
                db = try DatabaseQueue(configuration: config)
            }
            try Self.migrator.migrate(db)
        } catch let error as DatabaseError {
            throw StoreError.index("cannot open '\(path ?? ":memory:")': \(error.message ?? "\(error.resultCode)")")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: objects, sources, refs") { db in
            try db.create(table: "object") { t in
                t.column("digest", .text).primaryKey()
                t.column("kind", .text).notNull().check { ["blob", "tree"].contains($0) }
                t.column("size", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "source") { t in
                t.column("digest", .text).notNull().references("object", onDelete: .cascade)
                t.column("url", .text).notNull()
                t.column("fetchedAt", .datetime).notNull()
                t.column("size", .integer).notNull()
                t.uniqueKey(["digest", "url"])
            }
            try db.create(index: "source_url", on: "source", columns: ["url"])
            try db.create(table: "ref") { t in
                t.column("name", .text).primaryKey()
                t.column("digest", .text).notNull().references("object", onDelete: .restrict)
                t.column("kind", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        m.registerMigration("v2: stat cache") { db in
            // Digests of files added from disk, by (path, size, mtime, inode), so that
            // re-adding an unchanged raw directory costs a stat per file, not a hash.
            try db.create(table: "statCache") { t in
                t.column("path", .text).primaryKey()
                t.column("size", .integer).notNull()
                t.column("mtimeNanos", .integer).notNull()
                t.column("inode", .integer).notNull()
                t.column("digest", .text).notNull()
            }
        }
        m.registerMigration("v3: md5 of objects") { db in
            // MD5s are reported beside SHA-256 for MLE-bench parity; an object's bytes never
            // change, so its MD5 is computed once.
            try db.create(table: "objectMD5") { t in
                t.column("digest", .text).primaryKey().references("object", onDelete: .cascade)
                t.column("md5", .text).notNull()
            }
        }
        return m
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.write(body) } catch let error as DatabaseError {
            throw StoreError.index(error.message ?? "\(error.resultCode)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch let error as DatabaseError {
            throw StoreError.index(error.message ?? "\(error.resultCode)")
        }
    }
}
