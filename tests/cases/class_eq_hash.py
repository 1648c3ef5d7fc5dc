# __eq__ and __hash__ for use in sets and dicts.
class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, other):
        if not isinstance(other, Key):
            return NotImplemented
        return (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return hash((self.a, self.b))
    def __repr__(self):
        return f"Key({self.a}, {self.b})"
k1, k2, k3 = Key(1, 2), Key(1, 2), Key(2, 1)
print(k1 == k2, k1 is k2, k1 == k3, k1 != k3, k1 == (1, 2))
d = {k1: "first"}
d[k2] = "second"
print(d, len(d))
s = {k1, k2, k3}
print(len(s), k3 in s, Key(2, 1) in s)
print([k1, k3].index(Key(2, 1)), [k1, k2, k3].count(k2))
class NoHash:
    def __eq__(self, other):
        return True
print(NoHash.__hash__)
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
class Identity:
    pass
i = Identity()
print(i == i, i == Identity(), hash(i) == hash(i))
