import Foundation

/// Reads how many entries a zip's central directory lists, from the end of the file.
///
/// libarchive hands entries over one by one; a zip of two million empty files would be
/// unpacked (and stored) for minutes before the entry limit tripped. The count is in the
/// end-of-central-directory record (or its zip64 twin), a few bytes from the end.
public enum ZipDirectory {
    /// Whether the file starts as a zip does (a local file header).
    public static func isZip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return isZip(handle)
    }

    static func isZip(_ handle: FileHandle) -> Bool {
        (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Nil when the file is not a zip or its end record cannot be found.
    static func entryCount(ofArchiveAt path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard isZip(handle), let size = try? handle.seekToEnd() else { return nil }
        // The end record is 22 bytes plus a comment of at most 65,535 bytes.
        let tailLength = min(size, 22 + 65_535)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil,
              let tail = try? handle.read(upToCount: Int(tailLength)), tail.count >= 22 else { return nil }
        let bytes = [UInt8](tail)
        var end = -1
        var i = bytes.count - 22
        while i >= 0 {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { return nil }
        let count16 = Int(bytes[end + 10]) | Int(bytes[end + 11]) << 8
        if count16 != 0xFFFF { return count16 }
        // zip64: a locator just before the end record points at the zip64 end record.
        let locator = end - 20
        guard locator >= 0, bytes[locator] == 0x50, bytes[locator + 1] == 0x4B,
              bytes[locator + 2] == 0x06, bytes[locator + 3] == 0x07 else { return count16 }
        let offset = little(bytes, at: locator + 8, count: 8)
        guard offset < size, (try? handle.seek(toOffset: offset)) != nil,
              let record = try? handle.read(upToCount: 56), record.count == 56 else { return count16 }
        let r = [UInt8](record)
        guard r[0] == 0x50, r[1] == 0x4B, r[2] == 0x06, r[3] == 0x06 else { return count16 }
        return Int(clamping: little(r, at: 32, count: 8))
    }

    private static func little(_ b: [UInt8], at offset: Int, count: Int) -> UInt64 {
        (0..<count).reduce(UInt64(0)) { $0 | UInt64(b[offset + $1]) << (8 * UInt64($1)) }
    }
}
