import ArgumentParser

extension MLEPkg {
    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect and manage the content-addressed store.",
            discussion: """
            Objects are named by SHA-256: a file is a blob, a directory a tree (a sorted \
            manifest of path, mode, size and digest, itself hashed). Objects that no ref \
            keeps are removed by 'store gc'.

            Examples:
              mlepkg store add data/ --ref my-data
              mlepkg store cat sha256:4f0c…e1 > train.csv
              mlepkg store export sha256:9a2b…07 ./prepared
              mlepkg store gc --dry-run
            """,
            subcommands: [StoreAdd.self, StoreCat.self, StoreList.self, StoreExport.self,
                          StoreGC.self, StoreRefs.self, StoreUnref.self]
        )
    }
}
