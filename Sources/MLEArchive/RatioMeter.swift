/// Counts unpacked bytes against the archive bytes read so far, per entry and in all.
///
/// A ratio measured against the whole archive's size trips only once a bomb has written
/// about `maxRatio` times the archive (10 GiB for a 10 MB zip, a minute of work); measured
/// against what libarchive has read so far, for the entry being read, it trips as soon as
/// `ratioFloor` bytes have come out of a few kilobytes.
struct RatioMeter {
    let limits: UnpackLimits
    let archive: String
    private(set) var total: Int64 = 0
    private var entryOut: Int64 = 0
    private var entryStart: Int64 = 0

    init(limits: UnpackLimits, archive: String) {
        self.limits = limits
        self.archive = archive
    }

    /// `consumed`: archive bytes read so far (`archive_filter_bytes(a, -1)`).
    mutating func startEntry(consumed: Int64) {
        entryOut = 0
        entryStart = consumed
    }

    mutating func add(_ n: Int, consumed: Int64) throws {
        total += Int64(n)
        entryOut += Int64(n)
        if total > limits.maxTotalSize {
            throw ArchiveError.limitExceeded(archive: archive, reason: "unpacks to more than \(limits.maxTotalSize) bytes")
        }
        let entryRatio = Double(entryOut) / Double(max(1, consumed - entryStart))
        let totalRatio = Double(total) / Double(max(1, consumed))
        if (entryOut > limits.ratioFloor && entryRatio > limits.maxRatio)
            || (total > limits.ratioFloor && totalRatio > limits.maxRatio) {
            throw ArchiveError.limitExceeded(archive: archive,
                reason: "compression ratio above \(Int(limits.maxRatio)):1 (a zip bomb?)")
        }
    }
}
