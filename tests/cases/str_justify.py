# center / ljust / rjust / zfill.
for w in [0, 3, 8, 9]:
    print("[" + "abc".center(w) + "]", "[" + "abc".ljust(w) + "]", "[" + "abc".rjust(w) + "]")
print("abc".center(9, "*"), "abc".ljust(6, "-"), "abc".rjust(6, "0"))
print("ab".center(5, "."), "ab".center(6, "."), "abc".center(6, "."), "abc".center(4, "."))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(5), "12345".zfill(3))
print("".zfill(3), "-".zfill(3), "3.14".zfill(8))
for name, score in [("alice", 93), ("bob", 7), ("charlotte", 100)]:
    print(name.ljust(10) + str(score).rjust(4))
try:
    "x".center(5, "ab")
except TypeError as e:
    print("TypeError:", e)
