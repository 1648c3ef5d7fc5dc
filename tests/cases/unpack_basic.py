# Tuple/list unpacking in assignments and loops.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
[p, q] = (10, 20)
print(p, q)
(m, n), o = [1, 2], 3
print(m, n, o)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
first, second = range(2)
print(first, second)
d1, d2 = {"k1": 1, "k2": 2}
print(d1, d2)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print(i, lst)
t = 1,
(single,) = t
print(single)
a = b = c = 7
print(a, b, c)
