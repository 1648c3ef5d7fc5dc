# Deleting list slices.
a = list(range(10))
del a[2:4]
print(a)
del a[::3]
print(a)
del a[-2:]
print(a)
del a[100:]
print(a)
b = list(range(10))
del b[::-2]
print(b)
del b[:]
print(b)
c = list("abcdefgh")
del c[1:7:2]
print(c)
del c[5:1]
print(c)
