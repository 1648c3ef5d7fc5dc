# repr of self-referencing containers.
a = [1, 2]
a.append(a)
print(a)
print(repr(a), str(a), len(a), a[2] is a, a[2][2][0])
d = {"k": 1}
d["self"] = d
print(d)
b = [a, [a]]
print(b)
x = []
y = [x]
x.append(y)
print(x, y)
t = ([],)
t[0].append(t)
print(t)
d2 = {}
l2 = [d2]
d2["list"] = l2
print(d2, l2)
