# Building lists from other iterables.
print(list(), list("abc"), list((1, 2)), list(range(4)), list({"a": 1, "b": 2}))
print(list({"a": 1}.items()), list(x * x for x in range(4)), list(b"hi"))
print(list(map(str, [1, 2])), list(zip([1, 2], "ab")), list(enumerate("xy", 1)))
print(list(reversed([1, 2, 3])), list(filter(None, [0, 1, "", "a", None, [], [0]])))
print([*range(3), *"ab"], [[]] * 2, [None] * 3)
print(list(iter([5, 6])), list(list([1])))
try:
    list(5)
except TypeError as e:
    print("TypeError:", e)
try:
    list(1, 2)
except TypeError as e:
    print("TypeError:", e)
