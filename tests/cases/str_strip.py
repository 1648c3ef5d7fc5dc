# strip/lstrip/rstrip, removeprefix/removesuffix.
s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixyx".strip("x"), "xxhixyx".strip("xy"), "xxhixyx".lstrip("x"), "xxhixyx".rstrip("yx"))
print(repr("".strip()), repr("   ".strip()), "abc".strip(""), "abc".strip("cba"))
print("www.example.com".strip("cmowz."))
print("0001230".lstrip("0"), "1.5000".rstrip("0").rstrip("."))
print("TestCase".removeprefix("Test"), "TestCase".removeprefix("Case"))
print("file.py".removesuffix(".py"), "file.py".removesuffix(".txt"), "".removeprefix("a"))
print(repr("\u00a0x\u2003".strip()))
print(repr("\r\nline\r\n".rstrip("\r\n")))
