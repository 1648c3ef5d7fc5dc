# repr of strings chooses quotes and escapes.
for s in ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\nhere",
          "back\\slash", "\x00\x07\x1b", "\x7f\x80\x9f\xa0", "caf\u00e9", "\u65e5\u672c",
          "\U0001F600", "\u200b", "\ud800", "", "'", '"', "\r\n"]:
    print(repr(s))
print(str("quoted 'x'"), repr(repr("a")))
print(["a", "b'c", 'd"e'])
print(ascii("caf\u00e9 \U0001F600"), ascii("plain"))
print(("x",), {"k": "v"})
print(repr("a\\b"), repr("\\"), repr("\x1b[0m"))
print(repr("mixed ' and \""), len(repr("\n")))
