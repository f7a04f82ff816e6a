import CArchive
import Foundation
import MLEBasics

/// Writes deterministic zip (or 7z) archives over libarchive.
///
/// Entries are written in the order given (callers sort them), deflated (7z: LZMA2), with a
/// fixed timestamp (1980-01-01 00:00:00 UTC, the zip epoch), owner 0 and mode 0644, so the same
/// files always give the same bytes.
public enum ZipWriter {
    /// The archive format written.
    public enum Format: Sendable {
        /// A zip, deflated (`shutil.make_archive(…, "zip")`).
        case zip
        /// A 7z, LZMA2-compressed (the members `py7zr` writes; not its bytes).
        case sevenZip
    }

    /// The zip epoch, the earliest time a zip's DOS timestamps can hold.
    public static let fixedTime: Int = 315_532_800

    /// Writes `entries` — (name in the zip, path of a file to read) — to a new archive at `output`.
    public static func write(entries: [(name: String, file: String)], to output: String, format: Format = .zip) throws {
        guard let a = archive_write_new() else {
            throw ArchiveError.cannotOpen(archive: output, message: "out of memory")
        }
        defer { archive_write_free(a) }
        let configured = switch format {
        case .zip: archive_write_set_format_zip(a) == ARCHIVE_OK
            && archive_write_set_options(a, "zip:compression=deflate") == ARCHIVE_OK
        case .sevenZip: archive_write_set_format_7zip(a) == ARCHIVE_OK
            && archive_write_set_options(a, "7zip:compression=lzma2") == ARCHIVE_OK
        }
        guard configured,
              archive_write_set_bytes_in_last_block(a, 1) == ARCHIVE_OK,
              archive_write_open_filename(a, output) == ARCHIVE_OK else {
            throw ArchiveError.cannotOpen(archive: output, message: Unpacker.message(a))
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var names = Set<String>()
        for (name, file) in entries {
            guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(".."),
                  names.insert(name).inserted else {
                throw ArchiveError.unsafeEntry(archive: output, entry: name, reason: "is empty, absolute, has '..' or is a duplicate")
            }
            let fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SystemError.posix(errno, "open", file) }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw SystemError.posix(errno, "stat", file) }
            guard let e = archive_entry_new() else { throw ArchiveError.cannotOpen(archive: output, message: "out of memory") }
            defer { archive_entry_free(e) }
            archive_entry_set_pathname_utf8(e, name)
            archive_entry_set_filetype(e, 0o100000)  // AE_IFREG
            archive_entry_set_perm(e, 0o644)
            archive_entry_set_size(e, la_int64_t(st.st_size))
            archive_entry_set_mtime(e, time_t(fixedTime), 0)
            archive_entry_set_uid(e, 0)
            archive_entry_set_gid(e, 0)
            guard archive_write_header(a, e) == ARCHIVE_OK else {
                throw ArchiveError.corrupt(archive: output, message: Unpacker.message(a))
            }
            var written: Int64 = 0
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SystemError.posix(errno, "read", file)
                }
                if n == 0 { break }
                guard archive_write_data(a, buffer.baseAddress, n) == n else {
                    throw ArchiveError.corrupt(archive: output, message: Unpacker.message(a))
                }
                written += Int64(n)
            }
            guard written == Int64(st.st_size) else {
                throw ArchiveError.corrupt(archive: output, message: "'\(file)' changed size while being zipped")
            }
        }
        guard archive_write_close(a) == ARCHIVE_OK else {
            throw ArchiveError.corrupt(archive: output, message: Unpacker.message(a))
        }
    }
}
