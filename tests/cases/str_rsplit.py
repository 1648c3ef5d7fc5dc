# str.rsplit splits from the right when maxsplit is given.
s = "a.b.c.d"
print(s.rsplit("."), s.rsplit(".", 1), s.rsplit(".", 2), s.rsplit(".", 0))
print("  x  y  z  ".rsplit(), "  x  y  z  ".rsplit(None, 1))
print("path/to/file.tar.gz".rsplit(".", 1))
print("path/to/file.tar.gz".rsplit("/", maxsplit=1))
print("aaa".rsplit("a"), "aaa".rsplit("aa"), "aaa".split("aa"))
print("no-sep".rsplit(","), "".rsplit("x"), "".rsplit())
print("k=v=w".split("=", 1), "k=v=w".rsplit("=", 1))
name, _, ext = "archive.tar.gz".rpartition(".")
print(name, ext)
