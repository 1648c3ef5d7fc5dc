# * and ** in list/tuple/set/dict displays and calls.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), [*a, 0, *b, *"xy"], (*range(3),))
print(sorted({*a, *b, 1}), [*{"k": 1, "j": 2}])
d1 = {"x": 1, "y": 2}
d2 = {"y": 3, "z": 4}
print({**d1, **d2}, {**d2, "x": 0, **d1}, {"a": 0, **{}})
def f(*args, **kwargs):
    return args, kwargs
print(f(*a, *b), f(*a, 5, *b), f(**d1), f(**d1, z=9), f(*"ab", **{"k": "v"}))
print(print(*[1, 2, 3], sep="-"))
print(*[], "only")
try:
    f(**d1, **{"x": 5})
except TypeError as e:
    print("TypeError:", e)
try:
    [*5]
except TypeError as e:
    print("TypeError:", e)
