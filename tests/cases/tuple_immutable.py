# Tuples are immutable and hashable if their items are.
t = (1, 2, 3)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
try:
    t.append(4)
except AttributeError as e:
    print("AttributeError:", e)
print(hash((1, 2)) == hash((1, 2)), hash((1, (2, 3))) == hash((1, (2, 3))))
print(hash((1, 2)) == hash((1.0, 2)))
d = {(0, 0): "origin", (1, 2): "point"}
print(d[(1, 2)], d[0, 0])
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
u = t
t += (4,)
print(t, u, t is u)
t2 = ([1],)
try:
    t2[0] += [2]
except TypeError as e:
    print("TypeError:", e)
print(t2)
