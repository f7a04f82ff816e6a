import ArgumentParser
import Foundation
import MLEBasics
import MLEModel
import MLEStore

extension MLEPkg {
    struct StoreCat: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cat",
            abstract: "Write an object's bytes to standard output.",
            discussion: """
            A tree prints its manifest.

            Example:
              mlepkg store cat sha256:4f0c…e1 > train.csv
            """
        )

        @Argument(help: "The object's digest.")
        var digest: ObjectID

        func run() throws {
            let state = try CommandState.make()
            try state.run {
                let store = state.workspace.store
                guard store.contains(digest) else { throw StoreError.notFound(digest) }
                let fd = open(store.path(for: digest), O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw SystemError.posix(errno, "open", store.path(for: digest)) }
                defer { close(fd) }
                var buffer = [UInt8](repeating: 0, count: 1 << 20)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n < 0 { if errno == EINTR { continue }; throw SystemError.posix(errno, "read", store.path(for: digest)) }
                    if n == 0 { break }
                    try buffer.withUnsafeBytes { try FileIO.writeAll(fd: 1, UnsafeRawBufferPointer(rebasing: $0[0..<n]), path: "<stdout>") }
                }
            }
        }
    }
}
