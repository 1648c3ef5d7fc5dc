# str.encode and bytes.decode with error handlers.
s = "caf\u00e9 \u20ac \U0001f600"
b = s.encode()
print(b, len(s), len(b))
print(s.encode("utf-8") == b, b.decode() == s, b.decode("utf-8"))
print("abc".encode("ascii"), "\u00e9".encode("latin-1"), "\u00e9".encode("utf-16-le"))
print(s.encode("ascii", "ignore"), s.encode("ascii", "replace"))
print(s.encode("ascii", "backslashreplace"), s.encode("ascii", "xmlcharrefreplace"))
try:
    s.encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
bad = b"ab\xffcd"
print(bad.decode("utf-8", "replace"), bad.decode("utf-8", "ignore"), bad.decode("latin-1"))
print(bad.decode("utf-8", "backslashreplace"))
try:
    bad.decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(str(b"xyz", "ascii"), bytes("h\u00e9", "utf-8"))
