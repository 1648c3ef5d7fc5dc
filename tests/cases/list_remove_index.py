# list.remove, list.index and del.
a = [3, 1, 4, 1, 5, 9, 2, 6, 5]
a.remove(1)
print(a)
a.remove(5)
print(a)
print(a.index(5), a.index(1), a.index(9, 2), a.index(6, 0, 7))
try:
    a.remove(42)
except ValueError as e:
    print("ValueError:", e)
try:
    a.index(42)
except ValueError as e:
    print("ValueError:", e)
try:
    a.index(3, 1)
except ValueError as e:
    print("ValueError:", e)
del a[0]
print(a)
del a[-1]
print(a)
del a[1:3]
print(a)
b = [1, 1.0, True]
b.remove(True)
print(b)
try:
    del a[99]
except IndexError as e:
    print("IndexError:", e)
