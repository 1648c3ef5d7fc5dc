# reverse, copy, clear.
a = [1, 2, 3, 4]
a.reverse()
print(a)
b = a.copy()
b.append(0)
print(a, b, a is b, a == b[:-1])
nested = [[1], [2]]
shallow = nested.copy()
shallow[0].append(99)
shallow.append([3])
print(nested, shallow)
c = a
a.clear()
print(a, c, len(c))
d = list(range(5))
e = d[:]
d.reverse()
print(d, e, list(reversed(e)), e[::-1])
print([].copy(), [None].copy())
