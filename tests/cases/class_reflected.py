# Reflected operators and NotImplemented fallback.
class Num:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Num({self.v})"
    def __add__(self, other):
        if isinstance(other, Num):
            return Num(self.v + other.v)
        if isinstance(other, int):
            return Num(self.v + other)
        return NotImplemented
    def __radd__(self, other):
        print("  __radd__ called with", repr(other))
        return self.__add__(other)
    def __rsub__(self, other):
        return Num(other - self.v)
    def __rmul__(self, other):
        return Num(other * self.v)
    def __rtruediv__(self, other):
        return Num(other / self.v)
    def __rpow__(self, other):
        return Num(other ** self.v)
n = Num(5)
print(n + 1, 1 + n, n + Num(2))
print(10 - n, 3 * n, 20 / n, 2 ** n)
print(sum([Num(1), Num(2), Num(3)]))
try:
    n + "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "x" + n
except TypeError as e:
    print("TypeError:", e)
class Sub(Num):
    def __radd__(self, other):
        return "Sub.__radd__ wins"
print(Num(1) + Sub(2))
