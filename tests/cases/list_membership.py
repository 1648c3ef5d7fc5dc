# in / not in for lists, and identity vs equality.
a = [1, 2.5, "three", [4], (5,), None]
print(1 in a, 2.5 in a, "three" in a, [4] in a, (5,) in a, None in a)
print(1.0 in a, True in a, "thre" in a, 4 in a, [5] not in a)
nan = float("nan")
b = [nan]
print(nan in b, float("nan") in b)
class AlwaysEq:
    def __eq__(self, other):
        return True
print(AlwaysEq() in [1], 5 in [AlwaysEq()])
big = list(range(1000))
print(999 in big, 1000 in big, -1 not in big)
