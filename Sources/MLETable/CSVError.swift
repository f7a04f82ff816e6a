/// Why a CSV could not be read, selected from or written.
///
/// The parse errors mirror the ones pandas raises for the same input (its messages are in
/// `description`), because a builder that silently accepted a file pandas rejects would
/// publish a dataset MLE-bench itself could never have produced. Line numbers are 1-based
/// physical lines as pandas counts them: line breaks inside quoted fields do not count, blank
/// lines do.
public enum CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file has no header line (pandas: `EmptyDataError`).
    case noColumns
    /// A record after the first has more fields than the header / first record allow.
    case tooManyFields(expected: Int, line: Int, saw: Int)
    /// The file ends inside a quoted field that began on `line`.
    case unterminatedQuote(line: Int)
    /// The bytes of `line` are not valid UTF-8 (pandas: `UnicodeDecodeError`).
    case invalidUTF8(line: Int, byteOffset: Int)
    /// The file is laid out in a way pandas reads inconsistently (its result depends on its
    /// internal buffer boundaries), so no faithful reproduction is possible.
    case unsupported(line: Int, reason: String)
    /// No column has this name.
    case columnNotFound(String)
    /// Reading or writing the file failed.
    case io(path: String, message: String)
    /// The table is larger than this machine can hold while reading it (`reason` says how).
    case tooLarge(reason: String)

    public var description: String {
        switch self {
        case .noColumns:
            return "No columns to parse from file"
        case let .tooManyFields(expected, line, saw):
            return "Error tokenizing data. C error: Expected \(expected) fields in line \(line), saw \(saw)"
        case let .unterminatedQuote(line):
            return "Error tokenizing data. C error: EOF inside string starting at row \(line - 1) (line \(line))"
        case let .invalidUTF8(line, offset):
            return "'utf-8' codec can't decode the bytes of line \(line) (file offset \(offset))"
        case let .unsupported(line, reason):
            return "line \(line): unsupported CSV layout: \(reason)"
        case let .columnNotFound(name):
            return "\"['\(name)'] not found in axis\""
        case let .io(path, message):
            return "\(path): \(message)"
        case let .tooLarge(reason):
            return "too large to read: \(reason)"
        }
    }
}
