import Testing
@testable import MLEPyCompat

/// `random.Random(seed)` against CPython 3.11.7's values (recorded with `python3 -c` on the calls
/// named in each test).
struct PythonRandomTests {
    @Test func theStreamIsCPythons() {
        var r = PythonRandom(seed: 0)  // [random.Random(0).getrandbits(32) for _ in range(3)]
        #expect([r.getrandbits(32), r.getrandbits(32), r.getrandbits(32)] == [3_626_764_237, 1_654_615_998, 3_255_389_356])
        // A seed wider than 32 bits is two key words: r = random.Random(2**40 + 7); r.random(); r.getrandbits(70) % 2**64
        var wide = PythonRandom(seed: (1 << 40) + 7)
        #expect(wide.random() == 0.6137037779936511)
        var bits = PythonRandom(seed: 5)  // r = random.Random(5); r.getrandbits(40), r.getrandbits(64)
        #expect([bits.getrandbits(40), bits.getrandbits(64)] == [281_848_216_645, 6_613_812_840_851_947_673])
        var bounded = PythonRandom(seed: 123)  // [r.randrange(1000) for _ in range(5)]
        #expect((0 ..< 5).map { _ in bounded.below(1000) } == [53, 274, 89, 787, 417])
    }

    @Test func shuffleChoiceAndSampleAreCPythons() {
        var r = PythonRandom(seed: 0)  // x = list(range(10)); random.Random(0).shuffle(x)
        var x = Array(0 ..< 10)
        r.shuffle(&x)
        #expect(x == [7, 8, 1, 5, 3, 4, 2, 0, 9, 6])
        var c = PythonRandom(seed: 42)  // [r.choice([True, False]) for _ in range(12)]
        #expect((0 ..< 12).map { _ in c.choice([true, false])! }
                == [true, true, false, true, true, true, true, true, false, true, true, true])
        // random.Random(0).sample(range(100), 10): the set method (100 > 21 + 4**3).
        var s = PythonRandom(seed: 0)
        #expect(s.sample(Array(0 ..< 100), 10) == [49, 97, 53, 5, 33, 65, 62, 51, 38, 61])
        // random.Random(0).sample(range(30), 10): the pool method.
        var p = PythonRandom(seed: 0)
        #expect(p.sample(Array(0 ..< 30), 10) == [27, 12, 24, 13, 1, 8, 16, 15, 28, 9])
        #expect(p.sample([1, 2], 3) == nil)
    }
}
