# Iterating over strings.
s = "hello"
for ch in s:
    print(ch, end=" ")
print()
print(list(s), tuple(s), sorted(s), sorted(s, reverse=True))
print(list(reversed(s)), list(enumerate("ab")))
print(set("aab") == {"a", "b"}, sorted(set("mississippi")))
print(dict.fromkeys("abc", 0))
print([c.upper() for c in s if c != "l"])
print(list(zip("abc", "123")), list(map(ord, "AZ")))
counts = {}
for c in "mississippi":
    counts[c] = counts.get(c, 0) + 1
print(counts)
it = iter("xy")
print(next(it), next(it), next(it, "done"))
print(max("hello"), min("hello"), "".join(sorted("dcba")))
