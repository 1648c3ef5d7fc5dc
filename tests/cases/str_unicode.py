# Unicode strings: length, indexing, case, code points.
s = "na\u00efve caf\u00e9 \u65e5\u672c \U0001F600"
print(s, len(s))
print([c for c in s if ord(c) > 127])
print([hex(ord(c)) for c in "\u00e9\u65e5\U0001F600"])
print(s[2], s[-1], s[11:13], s.upper())
print("\u00e9" == "e\u0301", len("e\u0301"), "e\u0301")
print("\u03a3\u03c3\u03c2".lower(), "\u03a3\u03c3\u03c2".upper())
print("\u0130".lower(), len("\u0130".lower()))
print("\ufb01".upper(), "\u1e9e".lower())
print(sorted("\u00e9ab\u00e0z"), max("a\u00e9"), min("\U0001F600a"))
print("\U0001F600".encode("utf-8"), len("\U0001F600".encode("utf-16-le")))
print(chr(0x10FFFF) == "\U0010FFFF", "\u2603".isprintable(), "\u200b".isprintable())
print(str("\u00e9") * 3, "\u00e9" in "caf\u00e9")
