# unicodedata: Unicode 14.0.0, as CPython 3.11.
import unicodedata as u

print(u.unidata_version)
chars = "aZ0 \t\n½²①٣€é\u0301\u0327\uac00\u4e00\U0001f600\u00a0\u2028\u200b" \
        "\ufb01\u1e9b\u0390ǅ\u05d0\u0627\u0660\u2160\U00020000\ue000\U0010ffff\U0001fae8\u0378\x00([{"
for c in chars:
    print("U+%04X" % ord(c), u.category(c), repr(u.bidirectional(c)), u.combining(c),
          u.east_asian_width(c), u.mirrored(c), repr(u.decomposition(c)),
          u.decimal(c, None), u.digit(c, None), u.numeric(c, None), u.name(c, None))

# Counts over the whole code space, to check the tables.
cats = {}
total = 0
for cp in range(0, 0x110000, 7):
    c = chr(cp) if not 0xD800 <= cp < 0xE000 else "a"
    total += u.combining(c) + u.mirrored(c) + len(u.decomposition(c))
    cats[u.category(c)] = cats.get(u.category(c), 0) + 1
print(total, sorted(cats.items()))

print(u.lookup("LATIN SMALL LETTER A"), u.lookup("bullet"), u.lookup("HANGUL SYLLABLE GAG"),
      u.lookup("CJK UNIFIED IDEOGRAPH-4E00"), u.lookup("LATIN CAPITAL LETTER GHA"))
for f, a in [(u.lookup, ("NO SUCH NAME",)), (u.name, ("\x00",)), (u.decimal, ("a",)),
             (u.digit, ("a",)), (u.numeric, ("a",)), (u.category, ("ab",)),
             (u.category, (1,)), (u.normalize, ("NFX", "a")), (u.normalize, ("NFC", 1)),
             (u.name, ()), (u.is_normalized, ("x", "a")), (u.name, ("\U0001fae8",)),
             (u.lookup, ("MELTING FACE",))]:
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)

texts = ["é", "e\u0301", "ﬁ", "\u1e9b\u0323", "한국어", "\u1100\u1161\u11a8", "Å", "A\u030a",
         "\u0041\u0327\u0301\u0328", "ḱṷṓn", "①②", "x\u0301\u0300\u0316", "\u00c5\u212b",
         "\u0958", "\u2126", "\uFB2C", "\u0F73", "abc", "", "\u03d3", "\U0001d15e"]
for t in texts:
    for form in ["NFC", "NFD", "NFKC", "NFKD"]:
        n = u.normalize(form, t)
        print(form, ascii(t), ascii(n), u.is_normalized(form, t))
