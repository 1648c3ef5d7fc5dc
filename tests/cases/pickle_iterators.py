# range and the builtin iterators survive pickle and copy, mid-way and exhausted.
import copy
import pickle

def rounds(make):
    out = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it = make()
        fresh = list(pickle.loads(pickle.dumps(it, proto)))
        next(it, None)
        rest = list(pickle.loads(pickle.dumps(it, proto)))
        list(it)
        done = list(pickle.loads(pickle.dumps(it, proto)))
        out.append((fresh, rest, done))
    assert all(o == out[0] for o in out), out
    return out[0]

for make in [lambda: iter(range(5)), lambda: iter(range(10, 0, -3)), lambda: iter([1, 2, 3]),
             lambda: iter((4, 5)), lambda: iter("abc"), lambda: iter("héllo"), lambda: iter(b"xy"),
             lambda: reversed([1, 2, 3]), lambda: reversed((1, 2)),
             lambda: iter(range(2**65, 2**65 + 3))]:
    print(type(make()).__name__ in ("str_iterator", "str_ascii_iterator") or type(make()).__name__, rounds(make))
for r in [range(3), range(2**70, 2**70 + 5, 2), range(0), range(-4, 9, 3)]:
    print([pickle.loads(pickle.dumps(r, p)) == r for p in range(pickle.HIGHEST_PROTOCOL + 1)], copy.deepcopy(r))
it = iter([1, 2, 3, 4])
it.__setstate__(2)
print(list(it))
it = iter(range(10))
it.__setstate__(7)
print(list(it), copy.copy(iter([9, 8])).__class__.__name__)
try:
    object.__new__(type(iter([])))
except TypeError as e:
    print("TypeError:", e)
