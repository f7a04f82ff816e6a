import Foundation
import MLEBasics
import MLEModel
import MLEStore

/// A container image unpacked into the store as a root filesystem.
public struct RootFilesystem: Sendable, Equatable {
    /// The exported folder a sandbox uses as its root.
    public var directory: String
    /// The SHA-256 of the image file (`docker save` tarball).
    public var image: String
    /// The merged tree of its layers.
    public var tree: ObjectID
}

public enum ImageError: Error, Sendable, CustomStringConvertible {
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let p, let r): return "invalid image '\(p)': \(r) (expected a 'docker save' tarball or an OCI layout tarball)"
        }
    }
}

extension Workspace {
    /// Unpacks a `docker save` tarball (or an OCI image layout in a tar) layer by layer, with
    /// whiteouts honoured, into one store tree, exported once as a root filesystem.
    ///
    /// Each layer is unpacked into the store like any archive (cached by its digest), and the
    /// layers are merged in order: `.wh.NAME` deletes NAME from the layers below, `.wh..wh..opq`
    /// empties its folder. No Docker, no root privileges, nothing outside the store is written.
    public func rootFilesystem(image path: String) throws -> RootFilesystem {
        guard FileIO.exists(path), !FileIO.isDirectory(path) else { throw ImageError.invalid(path: path, reason: "not a file") }
        let blob = try store.addFile(at: path)
        let (_, outer) = try unpack(blob)
        let files = Dictionary(outer.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        func json(_ name: String) throws -> Any? {
            guard let e = files[name] else { return nil }
            return try JSONSerialization.jsonObject(with: store.data(of: e.object))
        }
        var layers: [String] = []
        if let manifest = try json("manifest.json") as? [[String: Any]] {
            guard let first = manifest.first, let l = first["Layers"] as? [String] else {
                throw ImageError.invalid(path: path, reason: "manifest.json has no Layers")
            }
            layers = l
        } else if let index = try json("index.json") as? [String: Any] {
            func blobPath(_ digest: Any?) throws -> String {
                guard let d = digest as? String, d.hasPrefix("sha256:") else { throw ImageError.invalid(path: path, reason: "a descriptor without a sha256 digest") }
                return "blobs/sha256/\(d.dropFirst(7))"
            }
            guard let m = (index["manifests"] as? [[String: Any]])?.first,
                  let image = try json(try blobPath(m["digest"])) as? [String: Any],
                  let descriptors = image["layers"] as? [[String: Any]] else {
                throw ImageError.invalid(path: path, reason: "index.json names no image manifest with layers")
            }
            layers = try descriptors.map { try blobPath($0["digest"]) }
        } else {
            throw ImageError.invalid(path: path, reason: "neither manifest.json nor index.json is in it")
        }

        var merged: [String: TreeEntry] = [:]
        for layer in layers {
            guard let e = files[layer] else { throw ImageError.invalid(path: path, reason: "layer '\(layer)' is missing") }
            let (_, m) = try unpack(e.object, imageLayer: true)
            // Whiteouts first: they apply to the layers below, not to this layer's own files.
            for w in m.entries {
                let name = (w.path as NSString).lastPathComponent
                guard name.hasPrefix(".wh.") else { continue }
                let parent = (w.path as NSString).deletingLastPathComponent
                let prefix = parent.isEmpty ? "" : parent + "/"
                if name == ".wh..wh..opq" {
                    merged = merged.filter { !$0.key.hasPrefix(prefix) }
                } else {
                    let gone = prefix + name.dropFirst(4)
                    merged = merged.filter { $0.key != gone && !$0.key.hasPrefix(gone + "/") }
                }
            }
            for entry in m.entries where !(entry.path as NSString).lastPathComponent.hasPrefix(".wh.") {
                // A file replacing a folder of a lower layer hides everything below it.
                merged = merged.filter { !$0.key.hasPrefix(entry.path + "/") }
                merged[entry.path] = entry
            }
        }
        let manifest = TreeManifest(entries: Array(merged.values))
        let tree = try store.addTree(manifest)
        let directory = "\(configuration.paths.home)/rootfs/\(tree.hex)"
        if !FileIO.isDirectory(directory) {
            // Exported beside, then renamed: a half-exported root is never used.
            let partial = "\(directory).partial-\(getpid())"
            try? FileManager.default.removeItem(atPath: partial)
            try FileIO.makeDirectory("\(configuration.paths.home)/rootfs")
            try store.export(tree, to: partial)
            if rename(partial, directory) != 0 && !FileIO.isDirectory(directory) {
                throw SystemError.posix(errno, "rename", directory)
            }
            try? FileManager.default.removeItem(atPath: partial)
        }
        return RootFilesystem(directory: directory, image: "sha256:\(blob.hex)", tree: tree)
    }
}
