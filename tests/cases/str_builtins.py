# Builtins applied to strings.
s = "Hello, World"
print(len(s), len(""), str(), repr(str()), str(s) is s)
print(min(s), max(s), sorted(s)[:3], sum(map(ord, s)))
print(str(42), str(3.5), str(None), str([1, "a"]), str({"k": (1,)}))
print(list(map(str.upper, ["a", "b"])), list(filter(str.isdigit, "a1b2c3")))
print(any(c.isupper() for c in s), all(c.isalpha() for c in "abc"))
print(isinstance(s, str), type(s).__name__, str.__name__)
print(hash("abc") == hash("ab" + "c"))
print(str.upper("x"), str.join("-", "abc"), str.split("a b"))
print(s.__len__(), s.__contains__("World"), s.__getitem__(4), s.__add__("!"))
print("abc".__eq__("abc"), "abc".__lt__("abd"), "a".__mul__(3))
