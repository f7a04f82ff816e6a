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
        // Refused now rather than at export: a folder can hold names that differ only in
        // Unicode normalisation, or paths too deep to export below another folder.
        var shape = TreeShape(linksMustStayInside: false)
        for e in entries {
            do { try shape.add(e.path, kind: e.mode == .symlink ? .symlink(target: "link") : .file) } catch {
                throw StoreError.unsupportedFile(path: "\(directory)/\(error.path)", reason: error.reason)
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
    /// The manifest's shape is checked before anything is written (see `TreeShape`), and no
    /// folder on the way to an entry may be a symlink: export never writes through a link,
    /// whether it made it or found it there.
    public func export(_ id: ObjectID, to directory: String) throws {
        if FileIO.exists(directory) && !FileIO.isDirectory(directory) {
            throw StoreError.exportConflict(path: directory)
        }
        let manifest = try self.manifest(of: id)
        var shape = TreeShape(linksMustStayInside: false)
        var targets: [String: String] = [:]
        for e in manifest.entries {
            guard contains(e.object) else { throw StoreError.notFound(e.object) }
            do {
                if e.mode == .symlink {
                    let target = String(decoding: try data(of: e.object), as: UTF8.self)
                    targets[e.path] = target
                    try shape.add(e.path, kind: .symlink(target: target))
                } else {
                    try shape.add(e.path, kind: .file)
                }
            } catch let problem as TreeShape.Problem {
                throw StoreError.unexportable(id, problem.description)
            }
            if directory.utf8.count + 1 + e.path.utf8.count >= Int(PATH_MAX) {
                throw StoreError.unexportable(id, "'\(directory)/\(e.path)' is longer than the system's path limit")
            }
        }
        try FileIO.makeDirectory(directory)
        var made = Set<String>()
        for e in manifest.entries {
            let dest = "\(directory)/\(e.path)"
            try makeParents(of: e.path, under: directory, made: &made)
            let source = path(for: e.object)
            var st = stat()
            if lstat(dest, &st) == 0 {
                var src = stat()
                if stat(source, &src) == 0, src.st_ino == st.st_ino, src.st_dev == st.st_dev { continue }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    throw StoreError.unsupportedFile(path: dest, reason: "is a folder where the tree has a file; remove it first")
                }
                unlink(dest)
            }
            switch e.mode {
            case .symlink:
                guard symlink(targets[e.path] ?? "", dest) == 0 else { throw SystemError.posix(errno, "symlink", dest) }
            case .file:
                if link(source, dest) != 0 {
                    try copy(source, to: dest, mode: 0o644)
                }
            case .executable:
                try copy(source, to: dest, mode: 0o755)
            }
        }
    }

    /// Creates the folders leading to `relative` one by one, refusing any that is a symlink.
    private func makeParents(of relative: String, under root: String, made: inout Set<String>) throws {
        let parts = relative.split(separator: "/").dropLast()
        var current = root
        var key = ""
        for part in parts {
            current += "/\(part)"
            key += key.isEmpty ? String(part) : "/\(part)"
            if made.contains(key) { continue }
            if mkdir(current, 0o755) != 0 {
                let err = errno
                var st = stat()
                guard err == EEXIST, lstat(current, &st) == 0 else { throw SystemError.posix(err, "mkdir", current) }
                if (st.st_mode & S_IFMT) == S_IFLNK {
                    throw StoreError.unsupportedFile(path: current, reason: "is a symlink; export does not write through links")
                }
                if (st.st_mode & S_IFMT) != S_IFDIR {
                    throw StoreError.unsupportedFile(path: current, reason: "is a file where the tree has a folder; remove it first")
                }
            }
            made.insert(key)
        }
    }

    private func copy(_ source: String, to dest: String, mode: mode_t) throws {
        guard let d = FileManager.default.contents(atPath: source) else {
            throw SystemError.posix(errno, "read", source)
        }
        let tmp = dest + ".mlepkg-tmp"
        unlink(tmp)
        // O_EXCL | O_NOFOLLOW: a link planted at the temporary name is not written through.
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemError.posix(errno, "create", tmp) }
        defer { close(fd) }
        try d.withUnsafeBytes { try FileIO.writeAll(fd: fd, $0, path: tmp) }
        fchmod(fd, mode)
        guard rename(tmp, dest) == 0 else { throw SystemError.posix(errno, "rename", dest) }
    }
}
