# !r, !s and !a conversions.
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
p = P()
s = "caf\u00e9 'q'"
print(f"{p} {p!s} {p!r} {p!a}")
print(f"{s} {s!r} {s!a} {s!s}")
print(f"{s!r:>20}|{s!a:.6}|")
print(f"{42!r} {3.5!r} {None!r} {[1, 'a']!r} {[1, 'a']!s}")
euro = chr(8364)
print(f"{euro!a} {euro!r} {euro}")
print("{0!r} {0!s} {0!a}".format("\u00e9"))
print(repr(f"{'x'!r}"))
