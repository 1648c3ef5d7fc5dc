# str() falls back to __repr__; containers always use repr of items.
class R:
    def __repr__(self):
        return "R-repr"
class S:
    def __str__(self):
        return "S-str"
    def __repr__(self):
        return "S-repr"
class Sub(R):
    pass
print(str(R()), repr(R()), str(Sub()), f"{R()}")
print(str(S()), repr(S()), [S()], (S(),), {"k": S()}, {1: [S(), R()]})
print("%s %r" % (S(), S()), "{} {!r}".format(S(), S()))
print(S(), R(), sep=" | ")
class F:
    def __format__(self, spec):
        return f"formatted({spec})"
    def __repr__(self):
        return "F"
print(f"{F()} {F():>10} {F()!r}", format(F(), "x"), "{:abc}".format(F()))
