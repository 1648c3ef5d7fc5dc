# Rich comparison methods and sorting custom objects.
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __le__(self, other):
        return self.parts <= other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
vs = [Version(s) for s in ["1.10", "1.2", "1.2.1", "0.9", "2.0", "1.2"]]
print(sorted(vs))
print(max(vs), min(vs))
a, b = Version("1.0"), Version("1.1")
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(b > a, b >= a)
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
print([o.v for o in sorted([OnlyLt(3), OnlyLt(1), OnlyLt(2)])])
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError:", e)
print(OnlyLt(5) > OnlyLt(2))
