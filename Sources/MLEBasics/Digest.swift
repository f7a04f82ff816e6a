import CCrypto
import Foundation

/// A streaming message digest over OpenSSL's EVP interface.
///
/// Every byte mlepkg stores or verifies goes through this type, so it hashes in
/// place from caller-owned buffers and never copies.
///
/// ```swift
/// let hasher = StreamingHasher(.sha256)
/// hasher.update(data)
/// let hex = hasher.finalize().hex
/// ```
public final class StreamingHasher {
    public enum Algorithm: String, Sendable {
        case sha256, md5
    }

    private let context: OpaquePointer
    public let algorithm: Algorithm

    public init(_ algorithm: Algorithm) {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: out of memory")
        }
        let md = algorithm == .sha256 ? EVP_sha256() : EVP_md5()
        // EVP_DigestInit_ex only fails on allocation failure for these built-in digests.
        precondition(EVP_DigestInit_ex(context, md, nil) == 1, "EVP_DigestInit_ex failed")
        self.context = context
        self.algorithm = algorithm
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        EVP_DigestUpdate(context, base, buffer.count)
    }

    public func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    public func update<S: StringProtocol>(_ string: S) {
        var copy = String(string)
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Ends the computation and resets the hasher for new input.
    public func finalize() -> DigestValue {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &out, &length)
        EVP_DigestInit_ex(context, algorithm == .sha256 ? EVP_sha256() : EVP_md5(), nil)
        return DigestValue(bytes: Array(out.prefix(Int(length))))
    }
}

/// SHA-256 whose state lives in the value itself, for hashing many short messages (the hash
/// split's row keys): no allocation per message, where ``StreamingHasher`` allocates an OpenSSL
/// context per instance.
///
/// ```swift
/// var sha = SHA256Hasher()
/// sha.update(salt); sha.update(key)
/// let digest = sha.finalize()  // 32 bytes
/// ```
public struct SHA256Hasher: Sendable {
    private var context = SHA256_CTX()

    public init() { CCrypto_sha256_init(&context) }

    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        CCrypto_sha256_update(&context, base, buffer.count)
    }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// Writes the 32-byte digest to `digest` and ends the computation.
    public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= 32, "a SHA-256 digest is 32 bytes")
        CCrypto_sha256_final(&context, digest.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// The 32-byte digest; ends the computation.
    public mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            finalize(into: UnsafeMutableRawBufferPointer(out))
            count = 32
        }
    }
}

/// The raw bytes of a finished digest.
public struct DigestValue: Sendable, Hashable {
    public let bytes: [UInt8]
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for b in bytes {
            chars.append(digits[Int(b >> 4)])
            chars.append(digits[Int(b & 0xF)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}

public enum Digests {
    /// SHA-256 of an in-memory buffer, as lowercase hex.
    public static func sha256(_ data: Data) -> String {
        let h = StreamingHasher(.sha256)
        h.update(data)
        return h.finalize().hex
    }

    public static func md5(_ data: Data) -> String {
        let h = StreamingHasher(.md5)
        h.update(data)
        return h.finalize().hex
    }

    /// Hashes a file by streaming it in 1 MiB reads; returns the hex digest and byte count.
    public static func hashFile(at path: String, _ algorithm: StreamingHasher.Algorithm = .sha256)
        throws -> (hex: String, size: Int64)
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
        defer { close(fd) }
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        let hasher = StreamingHasher(algorithm)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.posix(errno, "read", path)
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += Int64(n)
        }
        return (hasher.finalize().hex, total)
    }
}
