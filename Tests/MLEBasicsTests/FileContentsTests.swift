import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// `FileIO.contents(of:)` names the real cause where Foundation answers nil for every failure.
struct FileContentsTests {
    @Test func readsAWholeFileLargerThanOneChunk() throws {
        let dir = try TestSupport.makeTemporaryDirectory("file-contents")
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: URL(fileURLWithPath: "\(dir)/f"))
        #expect(try FileIO.contents(of: "\(dir)/f") == bytes)
        #expect(try FileIO.contents(of: "/dev/null") == Data())
    }

    @Test func eachFailureSaysWhatIsWrong() throws {
        let dir = try TestSupport.makeTemporaryDirectory("file-contents")
        do { _ = try FileIO.contents(of: "\(dir)/missing"); Issue.record("read a missing file") } catch {
            #expect("\(error)" == "open '\(dir)/missing': No such file or directory")
        }
        do { _ = try FileIO.contents(of: dir); Issue.record("read a folder") } catch {
            #expect("\(error)" == "read '\(dir)': Is a directory")
        }
    }
}
