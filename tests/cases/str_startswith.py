# startswith / endswith with tuples and ranges.
s = "filename.tar.gz"
print(s.startswith("file"), s.startswith("name"), s.endswith(".gz"), s.endswith(".tar"))
print(s.endswith((".zip", ".gz")), s.startswith(("x", "y")), s.startswith(()))
print(s.startswith("name", 4), s.startswith("name", 4, 6), s.endswith("tar", 0, 12))
print(s.startswith(""), s.endswith(""), "".startswith(""), "".endswith("a"))
print(s.startswith("FILE"), s.lower().startswith("file"))
print(s.startswith("gz", -2), s.endswith("file", 0, 4), s.endswith("file", -100, 4))
try:
    s.startswith(["file"])
except TypeError as e:
    print("TypeError:", e)
for word in ["apple", "banana", "avocado", "cherry"]:
    if word.startswith("a"):
        print("a-word:", word)
