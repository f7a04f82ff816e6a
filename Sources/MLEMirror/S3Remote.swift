import Foundation
import MLEBasics
import MLEFetch

/// AWS settings resolved the way the AWS CLI resolves them.
///
/// Credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, else the
/// profile (`AWS_PROFILE`, default `default`) of `AWS_SHARED_CREDENTIALS_FILE` (default
/// `~/.aws/credentials`). Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region` in
/// `AWS_CONFIG_FILE` (default `~/.aws/config`), else `us-east-1`. Endpoint: the caller's, then
/// `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`, else AWS itself.
public struct AWSSettings: Sendable, Equatable {
    public var signing: AWSSigning?
    public var region: String
    public var endpoint: String?

    public static func resolve(environment env: [String: String], endpoint: String? = nil) throws -> AWSSettings {
        let home = env["HOME"] ?? NSHomeDirectory()
        let profile = env["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let credentialsFile = env["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        let configFile = env["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        let credentials = try INI.read(credentialsFile)[profile] ?? [:]
        let config = try INI.read(configFile)[profile == "default" ? "default" : "profile \(profile)"] ?? [:]
        let region = [env["AWS_REGION"], env["AWS_DEFAULT_REGION"], config["region"]].compactMap { $0 }.first { !$0.isEmpty } ?? "us-east-1"
        let endpoint = [endpoint, env["AWS_ENDPOINT_URL_S3"], env["AWS_ENDPOINT_URL"], config["endpoint_url"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        var signing: AWSSigning?
        if let key = env["AWS_ACCESS_KEY_ID"], !key.isEmpty {
            guard let secret = env["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                throw MirrorError.invalidRemote("s3", reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            signing = AWSSigning(accessKey: key, secretKey: secret, sessionToken: env["AWS_SESSION_TOKEN"], region: region)
        } else if let key = credentials["aws_access_key_id"] {
            guard let secret = credentials["aws_secret_access_key"] else {
                throw MirrorError.invalidRemote("s3", reason: "profile '\(profile)' of '\(credentialsFile)' has aws_access_key_id but no aws_secret_access_key")
            }
            signing = AWSSigning(accessKey: key, secretKey: secret, sessionToken: credentials["aws_session_token"], region: region)
        }
        return AWSSettings(signing: signing, region: region, endpoint: endpoint)
    }
}

/// The AWS CLI's INI files: `[section]` lines and `key = value` lines; `#`/`;` comments.
enum INI {
    static func read(_ path: String) throws -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MirrorError.invalidRemote("s3", reason: "'\(path)' is not UTF-8 text")
        }
        var out: [String: [String: String]] = [:]
        var section = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            } else if let eq = line.firstIndex(of: "=") {
                out[section, default: [:]][line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()] =
                    line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }
}

/// A mirror in an S3-compatible bucket (AWS, MinIO, Ceph…): `s3://bucket/prefix`.
///
/// Requests are signed by libcurl (SigV4). A custom endpoint is addressed path-style
/// (`ENDPOINT/bucket/key`), as on-premise stores expect; AWS itself virtual-host style.
public struct S3Remote: MirrorRemote {
    public let location: String
    public let bucket: String
    public let prefix: String
    public let settings: AWSSettings
    let client: HTTPClient

    public init(url: String, endpoint: String? = nil, environment: [String: String], client: HTTPClient = HTTPClient()) throws {
        location = url
        let rest = url.dropFirst("s3://".count)
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let b = parts.first, !b.isEmpty else {
            throw MirrorError.invalidRemote(url, reason: "expected s3://bucket/prefix")
        }
        bucket = String(b)
        prefix = parts.count > 1 ? parts[1].split(separator: "/").joined(separator: "/") : ""
        settings = try AWSSettings.resolve(environment: environment, endpoint: endpoint)
        self.client = client
    }

    var bucketURL: String {
        if let e = settings.endpoint {
            return (e.hasSuffix("/") ? String(e.dropLast()) : e) + "/\(bucket)"
        }
        return "https://\(bucket).s3.\(settings.region).amazonaws.com"
    }

    func key(_ path: String) -> String { prefix.isEmpty ? path : "\(prefix)/\(path)" }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    func url(_ path: String) -> String {
        bucketURL + "/" + key(path).split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? String($0)
        }.joined(separator: "/")
    }

    func request(_ method: String, _ url: String, range: (Int64, Int64?)? = nil) -> HTTPRequest {
        var r = HTTPRequest(method: method, url: url, range: range, signing: settings.signing)
        r.signing?.region = settings.region
        return r
    }

    public func list(_ folder: String) throws -> Set<String>? {
        let full = key(folder)
        var names = Set<String>()
        var token: String?
        repeat {
            var query = "list-type=2&prefix=\(full.addingPercentEncoding(withAllowedCharacters: Self.unreserved)!)"
            if let token { query += "&continuation-token=\(token.addingPercentEncoding(withAllowedCharacters: Self.unreserved)!)" }
            var body = Data()
            let r = try client.perform(request("GET", "\(bucketURL)?\(query)")) { body.append(contentsOf: $0) }
            if r.status == 404 { throw MirrorError.invalidRemote(location, reason: "no bucket '\(bucket)' (404)") }
            if r.status >= 400 { throw FetchError.http(url: bucketURL, status: r.status, body: r.errorBody) }
            let text = String(decoding: body, as: UTF8.self)
            for k in Self.elements("Key", in: text) where k.hasPrefix(full) {
                let name = k.dropFirst(full.count)
                if !name.isEmpty && !name.contains("/") { names.insert(String(name)) }
            }
            token = Self.elements("NextContinuationToken", in: text).first
        } while token != nil
        return names
    }

    /// The text of each `<name>…</name>` element. S3's listing is flat XML whose keys here are
    /// mlepkg's own names, so a scan is enough (entities are decoded).
    static func elements(_ name: String, in xml: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(name)>"), let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex) {
            out.append(rest[open.upperBound..<close.lowerBound].replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[close.upperBound...]
        }
        return out
    }

    public func exists(_ path: String) throws -> Bool {
        let r = try client.perform(request("HEAD", url(path)))
        if r.status == 404 { return false }
        if r.status >= 400 { throw FetchError.http(url: url(path), status: r.status, body: r.errorBody) }
        return true
    }

    public func read(_ path: String, from offset: Int64, length: Int64?, into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if length == 0 { return }
        let end = length.map { offset + $0 - 1 }
        var got: Int64 = 0
        let r = try client.perform(request("GET", url(path), range: offset > 0 || end != nil ? (offset, end) : nil)) {
            got += Int64($0.count)
            try body($0)
        }
        if r.status == 404 { throw MirrorError.missing(remote: location, path: path) }
        if r.status == 416 { return }
        if r.status >= 400 { throw FetchError.http(url: url(path), status: r.status, body: r.errorBody) }
        if let length, got < length {
            throw FetchError.transport(url: url(path), code: 18, message: "the answer ended \(length - got) bytes early")
        }
    }

    public func write(_ path: String, from source: any UploadBody) throws {
        let r = try client.perform(request("PUT", url(path)), upload: source)
        if r.status >= 400 { throw FetchError.http(url: url(path), status: r.status, body: r.errorBody) }
    }
}
