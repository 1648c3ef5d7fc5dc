# Truthiness of values in conditions.
values = [None, False, True, 0, 1, -1, 0.0, 0.5, "", " ", "0", [], [0], (), ((),), {}, {0: 0},
          set(), range(0), range(1), b"", b"\x00", 0j]
for v in values:
    if v:
        print(repr(v), "-> true")
    else:
        print(repr(v), "-> false")
class Falsy:
    def __bool__(self):
        return False
class Sized:
    def __len__(self):
        return 0
class Plain:
    pass
print(bool(Falsy()), bool(Sized()), bool(Plain()))
print("yes" if Sized() else "no", not Falsy())
