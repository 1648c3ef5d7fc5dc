# frozenset is immutable and hashable.
f = frozenset([3, 1, 2, 3])
print(sorted(f), len(f), 2 in f, type(f).__name__)
print(sorted(f | {9}), type(f | {9}).__name__, type({9} | f).__name__)
d = {frozenset({"a", "b"}): "ab", frozenset(): "empty"}
print(d[frozenset(["b", "a"])], d[frozenset()])
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
s = {frozenset([1]), frozenset([1])}
print(len(s))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    hash({1})
except TypeError as e:
    print("TypeError:", e)
print(frozenset() == set(), repr(frozenset()), frozenset([5]))
print(sorted(frozenset("hello")))
