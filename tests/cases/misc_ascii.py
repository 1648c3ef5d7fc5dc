# ascii() escapes non-ASCII characters.
for v in ["plain", "caf\u00e9", "\u65e5\u672c", "\U0001F600", "tab\t", "\x7f", ["\u00e9"],
          {"\u00e9": "\u00fc"}, b"\xff", 42, None]:
    print(ascii(v))
print(ascii("\u00e9") == repr("\u00e9").encode("ascii", "backslashreplace").decode())
print("%a" % "\u00e9", f"{'x':s}")
class C:
    def __repr__(self):
        return "C(\u00e9)"
print(ascii(C()), repr(C()))
print(ascii(("\u00e9", 1)))
