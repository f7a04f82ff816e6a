import MLEBasics
import Testing

@Suite struct SafeNameTests {
    @Test(arguments: ["a", "public/train.csv", "a/b/c", "...", "a/.../b", ".hidden", "a..b", "é/ü.csv", String(repeating: "x", count: 255)])
    func plainRelativePathsAreAccepted(_ path: String) {
        #expect(SafeName.isRelativePath(path))
    }

    @Test(arguments: ["", "/etc/passwd", "..", ".", "a/..", "../a", "a/./b", "a//b", "a/", "/", "a\u{0}b", "a\nb", "a\u{7f}",
                      String(repeating: "x", count: 256), "a/" + String(repeating: "x", count: 256),
                      String(repeating: "a/", count: 2049) + "a"])
    func escapingEmptyOrControlPathsAreRefused(_ path: String) {
        #expect(!SafeName.isRelativePath(path))
    }
}
