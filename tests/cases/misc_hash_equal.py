# Equal values hash equal (only comparisons are printed, never raw hashes of str).
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False) == hash(-0.0))
print(hash(10 ** 20) == hash(float(10 ** 20)), hash(2.5) == hash(2.5))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((1.0, 2.0)))
print(hash("abc") == hash("ab" + "c"), hash(b"abc") == hash(b"ab" + b"c"))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(hash(1 + 0j) == hash(1), hash(()) == hash(tuple()))
print(hash(5), hash(-1) == hash(-2), hash(0))
print(type(hash("x")).__name__, type(hash(1.5)).__name__)
for bad in [[], {}, set(), bytearray()]:
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)
print(len({1, 1.0, True}), len({0, 0.0, False, -0.0}), len({(1,), (1.0,)}))
