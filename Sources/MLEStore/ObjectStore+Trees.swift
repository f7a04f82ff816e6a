import Foundation
import MLEBasics
import MLEModel

extension ObjectStore {
    /// Stores a manifest whose entries are all present; returns the tree's id.
    @discardableResult
    public func addTree(_ manifest: TreeManifest) throws -> ObjectID {
        for e in manifest.entries where !contains(e.object) {
            throw StoreError.notFound(e.object)
        }
        return try addData(manifest.encoded(), kind: .tree)
    }

    public func manifest(of id: ObjectID) throws -> TreeManifest {
        guard try kind(of: id) == .tree else { throw StoreError.notATree(id) }
        return try TreeManifest.decode(try data(of: id))
    }

    /// Adds every regular file and symlink below `directory` and returns the tree.
    ///
    /// Devices, sockets and FIFOs are refused: a dataset never needs them.
    public func addDirectory(at directory: String) throws -> (ObjectID, TreeManifest) {
        var entries: [TreeEntry] = []
        try Self.walk(directory, relative: "") { absolute, relative, st in
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                let id = try addFile(at: absolute)
                let exec = (st.st_mode & 0o111) != 0
                entries.append(TreeEntry(path: relative, mode: exec ? .executable : .file,
                                         size: Int64(st.st_size), object: id))
            case S_IFLNK:
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: absolute)
                let id = try addData(Data(target.utf8))
                entries.append(TreeEntry(path: relative, mode: .symlink,
                                         size: Int64(target.utf8.count), object: id))
            default:
                throw StoreError.unsupportedFile(path: absolute, reason: "not a regular file, directory or symlink")
            }
        }
        let manifest = TreeManifest(entries: entries)
        return (try addTree(manifest), manifest)
    }

    /// The tree `directory` would have in a store, hashed without storing anything: the
    /// digest a run records for an agent's folder or a data folder.
    public static func manifest(hashing directory: String) throws -> (ObjectID, TreeManifest) {
        var entries: [TreeEntry] = []
        try walk(directory, relative: "") { absolute, relative, st in
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                let id = try ObjectID(hex: Digests.hashFile(at: absolute).hex)
                entries.append(TreeEntry(path: relative, mode: (st.st_mode & 0o111) != 0 ? .executable : .file,
                                         size: Int64(st.st_size), object: id))
            case S_IFLNK:
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: absolute)
                entries.append(TreeEntry(path: relative, mode: .symlink, size: Int64(target.utf8.count),
                                         object: try ObjectID(hex: Digests.sha256(Data(target.utf8)))))
            default:
                throw StoreError.unsupportedFile(path: absolute, reason: "not a regular file, directory or symlink")
            }
        }
        let manifest = TreeManifest(entries: entries)
        return (try ObjectID(hex: Digests.sha256(manifest.encoded())), manifest)
    }

    private static func walk(_ absolute: String, relative: String,
                      _ visit: (String, String, stat) throws -> Void) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: absolute).sorted() } catch {
            throw SystemError.posix(errno == 0 ? EACCES : errno, "opendir", absolute)
        }
        for name in names {
            let abs = "\(absolute)/\(name)"
            let rel = relative.isEmpty ? name : "\(relative)/\(name)"
            var st = stat()
            guard lstat(abs, &st) == 0 else { throw SystemError.posix(errno, "lstat", abs) }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                try walk(abs, relative: rel, visit)
            } else {
                try visit(abs, rel, st)
            }
        }
    }

    /// Materializes a tree into `directory`, hard-linking blobs where the file system allows.
    ///
    /// Hard-linked files share the store's read-only mode, which protects the store from
    /// edits through the exported copy. Executables and files on another device are copied.
    public func export(_ id: ObjectID, to directory: String) throws {
        if FileIO.exists(directory) && !FileIO.isDirectory(directory) {
            throw StoreError.exportConflict(path: directory)
        }
        let manifest = try self.manifest(of: id)
        try FileIO.makeDirectory(directory)
        for e in manifest.entries {
            guard !e.path.hasPrefix("/"), !e.path.split(separator: "/").contains("..") else {
                throw StoreError.unsupportedFile(path: e.path, reason: "path escapes the export directory")
            }
            let dest = "\(directory)/\(e.path)"
            try FileIO.makeDirectory((dest as NSString).deletingLastPathComponent)
            let source = path(for: e.object)
            guard contains(e.object) else { throw StoreError.notFound(e.object) }
            var st = stat()
            if lstat(dest, &st) == 0 {
                var src = stat()
                if stat(source, &src) == 0, src.st_ino == st.st_ino, src.st_dev == st.st_dev { continue }
                unlink(dest)
            }
            switch e.mode {
            case .symlink:
                let target = String(decoding: try data(of: e.object), as: UTF8.self)
                guard symlink(target, dest) == 0 else { throw SystemError.posix(errno, "symlink", dest) }
            case .file:
                if link(source, dest) != 0 {
                    try copy(source, to: dest, mode: 0o644)
                }
            case .executable:
                try copy(source, to: dest, mode: 0o755)
            }
        }
    }

    private func copy(_ source: String, to dest: String, mode: mode_t) throws {
        guard let d = FileManager.default.contents(atPath: source) else {
            throw SystemError.posix(errno, "read", source)
        }
        let tmp = dest + ".mlepkg-tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: d, attributes: [.posixPermissions: Int(mode)]) else {
            throw SystemError.posix(errno, "create", tmp)
        }
        guard rename(tmp, dest) == 0 else { throw SystemError.posix(errno, "rename", dest) }
    }
}
