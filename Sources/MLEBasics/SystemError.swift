import Foundation

/// A failed system call, with the call and the path it was made on.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let call: String
    public let path: String

    public static func posix(_ code: Int32, _ call: String, _ path: String) -> SystemError {
        SystemError(code: code, call: call, path: path)
    }

    public var description: String {
        "\(call) '\(path)': \(String(cString: strerror(code)))"
    }
}

/// A bug in mlepkg rather than bad input: reported, never silently ignored.
public struct InternalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = "internal error: \(description)" }
}
