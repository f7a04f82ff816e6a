import Foundation
import MLERecipes
import Testing

/// `list_files`' path patterns: what a pattern matches, by bytes, whole names and depth.
struct FilePatternTests {
    @Test func patternsMatchWholeNamesByBytes() throws {
        let p = try RecipeStep.FilePattern(parsing: "{label}/clip_{id}.wav")
        #expect(p.match(["yes", "clip_0001.wav"]) == ["yes", "0001"])
        #expect(p.match(["é", "clip_é.wav"]) == ["é", "é"])
        #expect(p.match(["yes", "clip_.wav"]) == nil, "a placeholder takes at least one character")
        #expect(p.match(["yes", "clip_1.WAV"]) == nil)
        #expect(p.match(["yes", "clip_1.wav.txt"]) == nil)
        #expect(p.match(["clip_1.wav"]) == nil, "the depth must match")
        #expect(p.match(["yes", "sub", "clip_1.wav"]) == nil)
        // Several fields in a name: each but the last up to its literal's first occurrence.
        let whale = try RecipeStep.FilePattern(parsing: "{date}_{time}_TRAIN{n}_{label}.aif")
        #expect(whale.columns == ["date", "time", "n", "label"])
        #expect(whale.match(["20090328_000000_002s3ms_TRAIN0_0.aif"]) == ["20090328", "000000_002s3ms", "0", "0"])
        #expect(whale.match(["20090328_1_TRAIN12_1.aif"]) == ["20090328", "1", "12", "1"])
        #expect(whale.match(["20090328_1_TRAIN12_.aif"]) == nil)
        #expect(whale.match(["_1_TRAIN12_1.aif"]) == nil, "a field takes at least one byte")
        #expect(whale.match(["20090328_1_Test12.aif"]) == nil)
        let split = try RecipeStep.FilePattern(parsing: "{a}_{b}")
        #expect(split.match(["x_y_z"]) == ["x", "y_z"])
        #expect(split.match(["__z"]) == ["_", "z"])
        let literal = try RecipeStep.FilePattern(parsing: "audio/{file}")
        #expect(literal.match(["audio", "a.wav"]) == ["a.wav"])
        #expect(literal.match(["Audio", "a.wav"]) == nil)
        // "e" + U+0301 is canonically equal to "é" for Swift's String ==, not for Python's str.
        #expect(literal.match(["audio", "e\u{301}.wav"]) == ["e\u{301}.wav"])
        #expect(try RecipeStep.FilePattern(parsing: "\u{e9}/{f}").match(["e\u{301}", "x"]) == nil)
    }
}
