# str.replace with counts, empty patterns and overlap.
s = "the cat sat on the mat"
print(s.replace("at", "og"))
print(s.replace("the", "a", 1))
print(s.replace("xyz", "!"), s.replace("", "-"))
print("aaaa".replace("aa", "b"), "aaaa".replace("a", ""))
print("abc".replace("", "|", 2))
print("hello".replace("l", "L", 0), "hello".replace("l", "L", -1))
print("a.b.c".replace(".", ""), "x".replace("x", "xx").replace("x", "y"))
print("\u00e9\u00e9".replace("\u00e9", "e"))
t = "mississippi"
print(t.replace("ss", "SS"), t.replace("i", "I", 2), t.replace("issi", "."))
print(s)
