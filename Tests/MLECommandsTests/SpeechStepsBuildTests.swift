import Foundation
import MLETestSupport
import Testing

/// End to end: the committed tensorflow-speech-recognition-challenge recipe (its MD5s aside) over
/// synthetic clips in a nested train.7z — a listing sorted by `f"{label}_{name}"`, a split, test
/// clips renamed `clip_<zfill 8>.wav` (`cumcount` with `width`) — against MLE-bench's prepare.py
/// (`scripts/vectors/speech_steps.py`).
@Suite(.serialized) struct SpeechStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("speech-steps") }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        let files = Dictionary(uniqueKeysWithValues: SpeechStepsVectors.rawFiles.map { ("train/audio/\($0)", $0) })
        let out = try CommittedRecipeBuild.build("tensorflow-speech-recognition-challenge", home: home, files: files,
                                                 archives: [("train.7z", "train")])
        try CommittedRecipeBuild.expectBytes(SpeechStepsVectors.expected, under: out)
        #expect(try CommittedRecipeBuild.texts(under: out, ["public/train", "public/test"]) == SpeechStepsVectors.copied)
    }
}
