# del on names, and rebinding after del.
a = 1
b = [1, 2, 3]
del a
print("a" in globals())
a = "back"
print(a)
del b[0]
print(b)
def f():
    x = 1
    y = 2
    del x
    names = sorted(locals())
    x = 3
    return names, x
print(f())
c = d = "shared"
del c
print(d)
e, g = 1, 2
del e, g
print("e" in globals(), "g" in globals())
try:
    del a, undefined_var
except NameError as err:
    print("NameError:", err, "a" in globals())
