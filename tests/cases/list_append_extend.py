# list.append and list.extend.
a = []
a.append(1)
a.append("two")
a.append([3])
print(a, len(a))
a.extend([4, 5])
a.extend("ab")
a.extend(range(2))
a.extend((x * 10 for x in range(3)))
print(a)
b = [1, 2]
b.append(b[:])
print(b)
c = [1]
c.extend(c)
print(c)
d = [0]
d += [1, 2]
d += "xy"
print(d)
r = d.append(9)
print(r, d)
try:
    d.extend(5)
except TypeError as e:
    print("TypeError:", e)
try:
    d += 5
except TypeError as e:
    print("TypeError:", e)
