# _codecs: the codec functions, errors and handlers, the registry.
import _codecs as c


def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print(type(e).__name__ + ":", e)
        if isinstance(e, UnicodeError):
            print("  ", e.args, e.encoding, e.start, e.end, e.reason)


# UTF-8
show(c.utf_8_encode, "héllo €𝄞")
show(c.utf_8_decode, "héllo €𝄞".encode())
show(c.utf_8_decode, b"ab\xc3", "strict", False)
show(c.utf_8_decode, b"ab\xc3", "strict", True)
show(c.utf_8_decode, b"ab\xc3", "replace", True)
show(c.utf_8_decode, b"\xff\xfea")
show(c.utf_8_decode, b"a\xe0\x80b")
show(c.utf_8_decode, b"a\xed\xa0\x80b", "replace")
show(c.utf_8_decode, b"a\xf0\x9f\x98", "ignore", True)
show(c.utf_8_decode, b"x\x80y", "backslashreplace")
show(c.utf_8_decode, b"x\x80y", "surrogateescape_nope")
show(c.utf_8_decode, "str")
show(c.utf_8_encode, b"bytes")
show(c.utf_8_encode, "x", 5)
show(c.utf_8_encode)

# UTF-16 and UTF-32
for enc in ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"]:
    e = getattr(c, enc + "_encode")("a€𝄞")
    print(enc, e)
    show(getattr(c, enc + "_decode"), e[0])
show(c.utf_16_encode, "ab", None, 1)
show(c.utf_16_encode, "ab", None, -1)
show(c.utf_16_decode, b"\xff\xfe\x00\xd8")
show(c.utf_16_decode, b"\xff\xfe\x00\xd8", "strict", False)
show(c.utf_16_decode, b"\xfe\xff\xd8\x00\x00A")
show(c.utf_16_le_decode, b"\x00\xdcA\x00")
show(c.utf_16_le_decode, b"a\x00b", "strict", True)
show(c.utf_16_le_decode, b"a\x00b", "strict", False)
show(c.utf_16_ex_decode, b"\xfe\xff\x00a")
show(c.utf_16_ex_decode, b"\xff\xfea\x00")
show(c.utf_16_ex_decode, b"a\x00")
show(c.utf_32_decode, b"\xff\xfe\x00\x00\x00\x00\x11\x00")
show(c.utf_32_be_decode, b"\x00\x00\xd8\x00", "replace")
show(c.utf_32_ex_decode, b"\x00\x00\xfe\xff\x00\x00\x00a")
show(c.utf_32_le_decode, b"a\x00\x00", "strict", False)
show(c.utf_32_le_decode, b"a\x00\x00", "strict", True)

# ASCII and Latin-1
show(c.ascii_encode, "abc")
show(c.ascii_encode, "aé€b")
show(c.ascii_encode, "aé€b", "replace")
show(c.ascii_encode, "aé€b", "ignore")
show(c.ascii_encode, "aé€b", "backslashreplace")
show(c.ascii_encode, "aé€b", "xmlcharrefreplace")
show(c.ascii_encode, "aé€b\U0001f600", "namereplace")
show(c.ascii_encode, "aé", "surrogateescape")
show(c.ascii_encode, "aé", "bogus")
show(c.ascii_encode, "ab", "bogus")
show(c.ascii_decode, b"a\xffb\xfe")
show(c.ascii_decode, b"a\xffb\xfe", "replace")
show(c.ascii_decode, b"a\xffb", "xmlcharrefreplace")
show(c.latin_1_encode, "aé€")
show(c.latin_1_encode, "aé€", "replace")
show(c.latin_1_decode, b"a\xe9\xff")

# charmap
table = "\x00bc\ufffe" + "".join(chr(0x400 + i) for i in range(252))
emap = c.charmap_build(table)
print(type(emap).__name__, emap.size())
show(c.charmap_encode, "\x00bcЀ", "strict", emap)
show(c.charmap_encode, "b\ufffez", "strict", emap)
show(c.charmap_encode, "\x00bzzc", "replace", emap)
show(c.charmap_decode, b"\x00\x01\x04", "strict", table)
show(c.charmap_decode, b"\x00\x03\x01", "strict", table)
show(c.charmap_decode, b"\x00\x03\x01", "replace", table)
show(c.charmap_decode, b"\x00\x01\x02", "strict", {0: "x", 1: 0x41, 2: None})
show(c.charmap_decode, b"\x00\x05", "strict", {0: "xy"})
show(c.charmap_decode, b"\x00", "strict", {0: 1.5})
show(c.charmap_encode, "ab", "strict", {97: 1, 98: b"zz"})
show(c.charmap_encode, "ab", "strict", {97: 300})
show(c.charmap_encode, "ab", "strict", {97: "s"})
show(c.charmap_decode, b"\xe9")
show(c.charmap_encode, "é")
print(c.charmap_build("abc"))

# escape codecs
show(c.escape_encode, b"a'\"\\\n\t\x00\x7f\xff")
show(c.escape_decode, b"\\x41\\n\\t\\'\\\\\\101\\\nz")
show(c.escape_decode, "\\x41é")
show(c.escape_decode, b"a\\x4gb")
show(c.escape_decode, b"a\\x4gb", "replace")
show(c.escape_decode, b"a\\x4gb", "ignore")
show(c.escape_decode, b"a\\")
show(c.unicode_escape_encode, "a\n\t\\'\"é€\U0001f600\x7f")
show(c.unicode_escape_decode, b"a\\n\\x41\\u20ac\\U0001F600\\N{BULLET}\\101\xe9")
show(c.unicode_escape_decode, b"ab\\N{foo}")
show(c.unicode_escape_decode, b"ab\\Nfoo")
show(c.unicode_escape_decode, b"ab\\N{foo")
show(c.unicode_escape_decode, b"\\U00110000x")
show(c.unicode_escape_decode, b"\\u12")
show(c.unicode_escape_decode, b"\\u12", "replace")
show(c.unicode_escape_decode, b"a\\")
show(c.unicode_escape_decode, b"a\\", "strict", False)
show(c.unicode_escape_decode, b"a\\x4", "strict", False)
show(c.unicode_escape_decode, b"a\\N{LATIN", "strict", False)
show(c.unicode_escape_decode, b"a\\N{foo}x", "replace", False)
show(c.raw_unicode_escape_encode, "aé€\U0001f600\\")
show(c.raw_unicode_escape_decode, b"\\\\u0041 \\u0042 \\\\\\u0043 \\x")
show(c.raw_unicode_escape_decode, b"\\U00110000x")
show(c.raw_unicode_escape_decode, b"\\u12")
show(c.readbuffer_encode, b"abc")
show(c.readbuffer_encode, "é")
show(c.readbuffer_encode, bytearray(b"xy"))


# error handlers from Python
def handler(e):
    print("handler:", type(e).__name__, e.start, e.end, e.reason)
    return ("<%d>" % e.start, e.end)


c.register_error("test.mine", handler)
print(c.lookup_error("test.mine") is handler)
show(c.ascii_decode, b"a\xffb\xfe", "test.mine")
show(c.ascii_encode, "aé€b", "test.mine")
show(c.utf_8_decode, b"\xff\xfe", "test.mine")
show(c.utf_16_le_decode, b"a\x00\x00\xdcb\x00", "test.mine")
c.register_error("test.skip", lambda e: ("", len(e.object)))
show(c.utf_8_decode, b"ab\xffcd", "test.skip")
c.register_error("test.back", lambda e: ("?", -1))
show(c.ascii_decode, b"ab\xffcd", "test.back")
c.register_error("test.bytes", lambda e: (b"\x01\x02", e.end))
show(c.latin_1_encode, "a€b", "test.bytes")
c.register_error("test.bad", lambda e: "nope")
show(c.ascii_decode, b"\xff", "test.bad")
show(c.ascii_encode, "\xff", "test.bad")
c.register_error("test.far", lambda e: ("", 100))
show(c.ascii_decode, b"\xff", "test.far")
c.register_error("test.unenc", lambda e: ("é", e.end))
show(c.ascii_encode, "a€", "test.unenc")
show(c.register_error, "x", 5)
show(c.lookup_error, "nope")

# the builtin handlers as functions
ue = UnicodeEncodeError("ascii", "aé€b", 1, 3, "bad")
ud = UnicodeDecodeError("utf-8", b"a\xff\xfeb", 1, 3, "bad")
ut = UnicodeTranslateError("aé€b", 1, 3, "bad")
for name in ["strict", "ignore", "replace", "backslashreplace",
             "xmlcharrefreplace", "namereplace", "surrogateescape", "surrogatepass"]:
    f = c.lookup_error(name)
    print(name, f)
    for e in (ue, ud, ut):
        # (molt strs cannot hold the lone surrogates surrogateescape makes)
        if not (name == "surrogateescape" and e is ud):
            show(f, e)
show(c.lookup_error("strict"), "notexc")
show(c.lookup_error("ignore"), ValueError("x"))

# exceptions
print(str(ue), str(ud), str(ut), sep="\n")
print(repr(ue))
ue.start = 1
ue.end = 2
print(ue)
ud.end = 2
print(ud)
show(UnicodeDecodeError, "x", "notbytes", 0, 1, "r")
show(UnicodeEncodeError, "x")
show(UnicodeEncodeError, 1, "x", 0, 1, "r")
print(UnicodeDecodeError("utf-8", bytearray(b"ab"), 0, 1, "r").object)

# the registry
def search(name):
    print("search:", name)
    if name == "test_codec":
        return (lambda s, errors="strict": (s.upper().encode(), len(s)),
                lambda b, errors="strict": (bytes(b).decode().lower(), len(b)),
                None, None)
    return None


c.register(search)
info = c.lookup("Test Codec")
print(info[0]("abc"))
print(c.lookup("test_codec") is info)
print(c.encode("hello", "test_codec"))
print(c.decode(b"HELLO", encoding="test_codec"))
print("hello".encode("test_codec"), b"HI".decode("test_codec"))
show(c.lookup, "no-such-codec")
c.unregister(search)
show(c.lookup, "Test Codec")
show(c.register, 5)
show(c.encode, "x", "no-such-codec")
print(c.encode("abc"), c.decode(b"abc"), c.encode("é", "latin-1"))
