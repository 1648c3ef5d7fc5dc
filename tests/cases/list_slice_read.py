# Reading list slices.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[-5:-2])
print(a[::2], a[1::3], a[::-1], a[::-3], a[7:2:-1], a[2:7:-1])
print(a[100:], a[-100:2], a[5:100:2], a[5:3])
print(a[:], a[:] == a, a[:] is a)
s = slice(1, 8, 2)
print(a[s], s.start, s.stop, s.step, s.indices(5))
print(a[slice(3)], a[slice(-2, None)])
nested = [[1, 2], [3, 4], [5, 6]]
print(nested[1:][0], nested[::-1][0][::-1])
try:
    a[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    a["1":]
except TypeError as e:
    print("TypeError:", e)
