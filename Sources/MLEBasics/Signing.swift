import CCrypto
import Foundation

/// Why a key or signature could not be used.
public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An Ed25519 key pair or public key, over OpenSSL's EVP interface, kept as PEM
/// (PKCS#8 `PRIVATE KEY`, SubjectPublicKeyInfo `PUBLIC KEY`), the files `openssl pkey` reads.
///
/// ```swift
/// let key = try Ed25519Key.generate()
/// let signature = try key.sign(Data("lock".utf8))
/// let pub = try Ed25519Key(pem: key.publicPEM)
/// pub.verify(signature, of: Data("lock".utf8))   // true
/// ```
public final class Ed25519Key: @unchecked Sendable {
    // An EVP_PKEY is immutable once made; OpenSSL allows concurrent use for sign/verify.
    private let key: OpaquePointer
    public let hasPrivateKey: Bool

    private init(key: OpaquePointer, hasPrivateKey: Bool) {
        self.key = key
        self.hasPrivateKey = hasPrivateKey
    }

    deinit { EVP_PKEY_free(key) }

    public static func generate() throws -> Ed25519Key {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else { throw SigningError("cannot create an Ed25519 key context") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_keygen(ctx, &key) == 1, let key else {
            throw SigningError("Ed25519 key generation failed: \(openSSLError())")
        }
        return Ed25519Key(key: key, hasPrivateKey: true)
    }

    /// Reads a PEM private key (then the public key is derived) or public key.
    public convenience init(pem: String, source: String = "key") throws {
        let bytes = Array(pem.utf8)
        let isPrivate = pem.contains("PRIVATE KEY-----")
        let key: OpaquePointer? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return isPrivate ? PEM_read_bio_PrivateKey(bio, nil, nil, nil) : PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let key else { throw SigningError("'\(source)' is not a PEM Ed25519 key: \(Self.openSSLError())") }
        guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
            EVP_PKEY_free(key)
            throw SigningError("'\(source)' is not an Ed25519 key")
        }
        self.init(key: key, hasPrivateKey: isPrivate)
    }

    public static func read(path: String) throws -> Ed25519Key {
        guard let data = FileManager.default.contents(atPath: path) else { throw SigningError("cannot read the key '\(path)'") }
        return try Ed25519Key(pem: String(decoding: data, as: UTF8.self), source: path)
    }

    public var privatePEM: String {
        get throws {
            guard hasPrivateKey else { throw SigningError("a public key cannot sign") }
            return try pem { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        }
    }

    public var publicPEM: String {
        get throws { try pem { PEM_write_bio_PUBKEY($0, key) } }
    }

    /// The first 16 hex digits of the SHA-256 of the raw public key: names the key in signatures.
    public var keyID: String {
        var raw = [UInt8](repeating: 0, count: 32)
        var length = 32
        EVP_PKEY_get_raw_public_key(key, &raw, &length)
        return String(Digests.sha256(Data(raw.prefix(length))).prefix(16))
    }

    private func pem(_ write: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw SigningError("out of memory") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw SigningError("cannot encode the key: \(Self.openSSLError())") }
        var pointer: UnsafeMutablePointer<CChar>?
        let n = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)  // BIO_get_mem_data, a macro
        guard n > 0, let pointer else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: n), as: UTF8.self)
    }

    public func sign(_ message: Data) throws -> Data {
        guard hasPrivateKey else { throw SigningError("a public key cannot sign") }
        guard let ctx = EVP_MD_CTX_new() else { throw SigningError("out of memory") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, nil, nil, key) == 1 else { throw SigningError("cannot sign: \(Self.openSSLError())") }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = 64
        let ok = message.withUnsafeBytes { m in
            EVP_DigestSign(ctx, &signature, &length, m.bindMemory(to: UInt8.self).baseAddress, m.count)
        }
        guard ok == 1 else { throw SigningError("cannot sign: \(Self.openSSLError())") }
        return Data(signature.prefix(length))
    }

    public func verify(_ signature: Data, of message: Data) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, key) == 1 else { return false }
        return signature.withUnsafeBytes { s in
            message.withUnsafeBytes { m in
                EVP_DigestVerify(ctx, s.bindMemory(to: UInt8.self).baseAddress, s.count,
                                 m.bindMemory(to: UInt8.self).baseAddress, m.count) == 1
            }
        }
    }

    static func openSSLError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "unknown error" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(cString: buffer)
    }
}

/// A detached signature file (`FILE.sig`): one line `ed25519 KEYID BASE64`.
public struct DetachedSignature: Sendable, Equatable {
    public var keyID: String
    public var signature: Data

    public init(keyID: String, signature: Data) {
        self.keyID = keyID
        self.signature = signature
    }

    public var encoded: String { "ed25519 \(keyID) \(signature.base64EncodedString())\n" }

    public static func decode(_ text: String, file: String) throws -> DetachedSignature {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 3, parts[0] == "ed25519", let sig = Data(base64Encoded: String(parts[2])), sig.count == 64 else {
            throw SigningError("'\(file)' is not an mlepkg signature: expected 'ed25519 KEYID BASE64'")
        }
        return DetachedSignature(keyID: String(parts[1]), signature: sig)
    }
}
