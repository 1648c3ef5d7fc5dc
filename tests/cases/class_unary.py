# Unary operators and conversion dunders.
class Num:
    def __init__(self, v):
        self.v = v
    def __neg__(self):
        return Num(-self.v)
    def __pos__(self):
        return Num(+self.v * 1)
    def __abs__(self):
        return Num(abs(self.v))
    def __invert__(self):
        return Num(~self.v)
    def __int__(self):
        return int(self.v)
    def __float__(self):
        return float(self.v)
    def __complex__(self):
        return complex(self.v, 1)
    def __round__(self, n=None):
        return "rounded " + str(n)
    def __index__(self):
        return int(self.v)
    def __repr__(self):
        return f"Num({self.v})"
n = Num(-3)
print(-n, +n, abs(n), ~n, -(-n))
print(int(n), float(n), complex(n), round(n), round(n, 2))
print(bin(n), hex(Num(255)), "abcdef"[Num(2)], [0, 1, 2, 3][Num(1):Num(3)])
print(list(range(Num(3))), "x" * Num(2))
try:
    -object()
except TypeError as e:
    print("TypeError:", e)
