// Coverage-guided fuzzing of mlepkg's parsers with libFuzzer (`make fuzz`), and a replay mode.
//
// Built with `-sanitize=fuzzer -parse-as-library -DFUZZING`, libFuzzer supplies `main` and calls
// `LLVMFuzzerTestOneInput` for each input; `MLEPKG_FUZZ_TARGET` picks the parser. Built plainly
// (as `swift build` does), this is a replay tool: `mlepkg-fuzz TARGET FILE...` runs each file
// through the same function, which is how a crash a fuzzer found is reproduced and how the
// test suite checks that the seed corpus still runs. (No top-level code: Swift parses the
// inactive branch too, and libFuzzer's build is a library.)
import Foundation

#if FUZZING
let fuzzTarget = ProcessInfo.processInfo.environment["MLEPKG_FUZZ_TARGET"] ?? "csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.run(fuzzTarget, UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's driver, for executables that bring their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable target's `main` to `<module>_main`; this one hands over to libFuzzer.
@_cdecl("mlepkg_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOneInput(data, size) }
}
#else
@main
enum Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let target = arguments.first, FuzzTargets.names.contains(target) else {
            FileHandle.standardError.write(Data("usage: mlepkg-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE...\n".utf8))
            exit(64)
        }
        var count = 0
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("error: cannot read '\(path)'\n".utf8))
                exit(1)
            }
            data.withUnsafeBytes { FuzzTargets.run(target, $0.bindMemory(to: UInt8.self)) }
            count += 1
        }
        print("\(target): \(count) inputs ran without a crash")
    }
}
#endif
