# The del statement on names, items, slices and attributes.
x = 5
del x
print("x" in dir())
lst = list(range(6))
del lst[0], lst[-1]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
class O:
    pass
o = O()
o.attr = 1
o.other = 2
del o.attr
print(vars(o))
a, b = 1, 2
del (a, b)
print("a" in dir(), "b" in dir())
nested = {"k": [1, {"deep": 2, "keep": 3}]}
del nested["k"][1]["deep"]
print(nested)
try:
    del lst[99]
except IndexError as e:
    print("IndexError:", e)
