# Sequence patterns with a wildcard star index the subject instead of iterating it.
import collections.abc
class Seq(collections.abc.Sequence):
    def __getitem__(self, i):
        return i
    def __len__(self):
        return 42
match Seq():
    case [x, *_, y]:
        print("matched", x, y)
match [1, 2, 3, 4]:
    case [a, b, *_, c]:
        print(a, b, c)
match (1,):
    case [a, *_, c]:
        print("no")
    case [a, *_]:
        print("one", a)
match "abc":
    case [*_]:
        print("str is not a sequence pattern")
    case _:
        print("str skipped")
match range(10):
    case [first, *rest, last]:
        print(first, rest, last)
