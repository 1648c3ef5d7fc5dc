# Mutating set methods.
s = {1, 2}
s.add(3)
s.add(2)
print(sorted(s))
s.discard(1)
s.discard(100)
print(sorted(s))
s.remove(2)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
s.update([5, 6], (7,))
print(sorted(s))
s.intersection_update({3, 5, 7, 9})
print(sorted(s))
s.difference_update({5})
print(sorted(s))
s.symmetric_difference_update({7, 8})
print(sorted(s))
s |= {10}
s &= {3, 8, 10}
s -= {8}
print(sorted(s))
t = s.copy()
t.add(99)
print(sorted(s), sorted(t))
p = {42}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print("KeyError:", e)
s.clear()
print(s)
