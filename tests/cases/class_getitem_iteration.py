# The legacy sequence protocol: __getitem__ with IndexError enables iteration.
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("done")
        return i * i
s = Squares(5)
print(list(s), [x for x in s], 9 in s, 10 in s, sum(s))
for v in Squares(3):
    print("value", v)
it = iter(Squares(2))
print(next(it), next(it), next(it, "stop"))
a, b, c = Squares(3)
print(a, b, c, sorted(Squares(4), reverse=True), max(Squares(4)))
class KeyErrorStops:
    def __getitem__(self, i):
        raise KeyError(i)
try:
    list(KeyErrorStops())
except KeyError as e:
    print("KeyError:", e)
