# codecs.py and the encodings package on top of _codecs; str.encode and
# bytes.decode through the codec registry.
import codecs

print(codecs.lookup("UTF-8").name, codecs.lookup("latin1").name, codecs.lookup("U16").name)
info = codecs.lookup("cp1252")
print(info.name, type(info).__name__, isinstance(info, tuple))
print("héllo €".encode("utf-16"), "héllo €".encode("utf-16-le"), "x".encode("utf_32"))
print(b"\xff\xfeh\x00i\x00".decode("utf-16"), b"\x00h\x00i".decode("UTF-16BE"))
print(b"\x80abc\xe9".decode("cp1252"), "€é".encode("cp1252"), "€".encode("cp437", "replace"))
print("Ωμέγα".encode("iso8859-7"), b"\xd9\xec\xdd\xe3\xe1".decode("iso8859_7"))
print("привет".encode("koi8-r"), b"\xd0\xd2\xc9".decode("koi8_r"))
print("a€".encode("mac-roman", "xmlcharrefreplace"), b"\x81".decode("cp1252", "replace"))
try:
    b"\x81".decode("cp1252")
except UnicodeDecodeError as e:
    print(e)
try:
    "€".encode("latin-1")
except UnicodeEncodeError as e:
    print(e)
try:
    "Ā".encode("cp1252")
except UnicodeEncodeError as e:
    print(e)
print(codecs.encode("abc", "rot13"), codecs.decode("nop", "rot_13"))
for bad in [lambda: "x".encode("rot13"), lambda: b"x".decode("rot13"),
            lambda: "x".encode("no-such-encoding"), lambda: b"x".decode("nope")]:
    try:
        bad()
    except LookupError as e:
        print("LookupError:", e)
print(codecs.escape_decode(b"\\x41"), codecs.unicode_escape_decode("\\u20ac"))
print("a\u20ac\n".encode("unicode_escape"), b"a\\u20ac".decode("unicode-escape"))
print("é".encode("raw_unicode_escape"), "é€".encode("punycode") if False else "")

# incremental codecs
dec = codecs.getincrementaldecoder("utf-8")()
print([dec.decode(bytes([b])) for b in "é€!".encode()], dec.decode(b"", final=True))
dec = codecs.getincrementaldecoder("utf-16")()
print([dec.decode(bytes([b])) for b in "hé".encode("utf-16")])
enc = codecs.getincrementalencoder("utf-16")()
print(enc.encode("a"), enc.encode("b"))
dec = codecs.getincrementaldecoder("utf-8")("replace")
print(dec.decode(b"a\xe2\x82"), dec.decode(b"", final=True))

# error handlers through codecs
def handler(e):
    return ("[%s]" % ascii(e.object[e.start:e.end]), e.end)

codecs.register_error("test.brackets", handler)
try:
    "aé€b".encode("ascii", lambda e: None)
except TypeError as e:
    print("TypeError:", e)
codecs.register_error("test.unencodable", lambda e: ("é", e.end))
try:
    "a€".encode("ascii", "test.unencodable")
except UnicodeEncodeError as e:
    print(e)
print("aé€b".encode("ascii", "test.brackets"), b"a\xffb".decode("utf-8", "backslashreplace"))
print(codecs.lookup_error("test.brackets") is handler, codecs.strict_errors, codecs.ignore_errors)
print("aé€".encode("cp1252", "namereplace"), "ā".encode("cp1252", "backslashreplace"))

# StreamReader / StreamWriter / codecs.iterencode
print(b"".join(codecs.iterencode(["a", "é"], "utf-8")), list(codecs.iterdecode([b"\xc3", b"\xa9"], "utf-8")))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE)

# bytearray and str encodings that never leave Rust
print(bytearray(b"caf\xc3\xa9").decode(), "é".encode("UTF8"), "é".encode("Latin-1"))
