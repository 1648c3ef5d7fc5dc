# Assigning to list slices.
a = list(range(6))
a[1:3] = ["a", "b", "c", "d"]
print(a)
a[:2] = []
print(a)
a[len(a):] = [100, 101]
print(a)
a[:0] = ["start"]
print(a)
a[2:2] = "xy"
print(a)
a[:] = [1, 2, 3]
print(a)
b = list(range(10))
b[::2] = ["E"] * 5
print(b)
b[1::2] = range(5)
print(b)
b[::-3] = "WXYZ"
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
c = [1, 2, 3]
c[5:10] = [9]
print(c)
c[-1:] = (7, 8)
print(c)
try:
    c[0:1] = 5
except TypeError as e:
    print("TypeError:", e)
