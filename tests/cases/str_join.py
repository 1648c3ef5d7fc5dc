# str.join with different iterables.
print(",".join(["a", "b", "c"]))
print("".join(["x", "y", "z"]), "-".join("abc"), " ".join(()))
print(", ".join(str(n) for n in range(5)))
print("\n".join(["line1", "line2"]))
print("ab".join(["1", "2", "3"]))
print("|".join({"k1": 1, "k2": 2}))
print("+".join(sorted({"b", "a", "c"})))
print("".join(reversed("hello")))
print(" ".join(["single"]), repr("".join([])))
try:
    ",".join(["a", 1, "c"])
except TypeError as e:
    print("TypeError:", e)
try:
    ",".join(5)
except TypeError as e:
    print("TypeError:", e)
