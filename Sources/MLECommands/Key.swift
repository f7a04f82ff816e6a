import ArgumentParser
import Foundation
import MLEWorkspace

extension MLEPkg {
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the Ed25519 keys that sign lockfiles.",
            discussion: """
            Examples:
              mlepkg key generate -o ~/.config/mlepkg/lab.key
              mlepkg lock --filter 'tag == lite' -o lite.lock --sign ~/.config/mlepkg/lab.key
              mlepkg verify --lock lite.lock --signature --trusted-key lab.key.pub
            """,
            subcommands: [Generate.self]
        )

        struct Generate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a new Ed25519 key pair: FILE (private, mode 600) and FILE.pub.",
                discussion: """
                Both are PEM files that 'openssl pkey' reads. Sign with 'mlepkg lock --sign FILE'; \
                give FILE.pub to the labs that pull (--trusted-key, or trusted_keys in their config).

                Example:
                  mlepkg key generate -o ~/.config/mlepkg/lab.key
                """
            )

            @Option(name: .shortAndLong, help: "The private key file to write.")
            var output: String

            @Flag(help: "Print JSON.")
            var json = false

            func run() throws {
                let state = try CommandState.make(quiet: true)
                try state.run {
                    let (pub, id) = try state.workspace.generateKey(at: output)
                    if json { return try state.output.printJSON(["private_key": output, "public_key": pub, "key_id": id]) }
                    state.output.print("wrote \(output) and \(pub) (key \(id))")
                }
            }
        }
    }
}
