# Defining __eq__ without __hash__ makes instances unhashable.
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
print(Eq.__hash__ is None, Eq(1) == Eq(1))
for action in [lambda: hash(Eq(1)), lambda: {Eq(1)}, lambda: {Eq(1): 1}]:
    try:
        action()
    except TypeError as e:
        print("TypeError:", e)
class EqHash(Eq):
    def __hash__(self):
        return hash(self.v)
print(len({EqHash(1), EqHash(1), EqHash(2)}))
class Unhashable:
    __hash__ = None
try:
    hash(Unhashable())
except TypeError as e:
    print("TypeError:", e)
class Default:
    pass
d = Default()
print(hash(d) == hash(d), {d: 1}[d])
