import ArgumentParser
import Foundation
import MLEWorkspace

extension MLEPkg {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the store as a read-only mirror over HTTP.",
            discussion: """
            Answers in the mirror layout (objects/, packs/, locks/), with byte ranges, so \
            'mlepkg mirror pull http://HOST:PORT --lock FILE' fetches from it. Every object is \
            hashed before it is sent; one that no longer matches its name is refused. Listens \
            on 127.0.0.1 unless --host says otherwise; --port 0 picks a free port. The first \
            line of output names the address.

            Examples:
              mlepkg serve --locks lockfiles
              mlepkg serve --port 0 --locks lockfiles
            """
        )

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port (0: any free port).")
        var port = 8700

        @Option(help: "A folder of lockfiles, served as locks/NAME.")
        var locks: String?

        func validate() throws {
            if !(0...65535).contains(port) { throw ValidationError("Please pass a --port between 0 and 65535.") }
        }

        func run() throws {
            let state = try CommandState.make(quiet: true)
            try state.run {
                let server = try state.workspace.serveMirror(host: host, port: port, locksDirectory: locks)
                state.output.print("serving \(state.workspace.configuration.paths.home) on http://\(host):\(server.port)")
                try server.wait()
            }
        }
    }
}
