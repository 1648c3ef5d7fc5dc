# sum, any, all.
print(sum([1, 2, 3]), sum([]), sum([], 10), sum(range(5), start=100), sum([0.1] * 3))
print(sum([[1], [2], [3]], []), sum([(1,), (2,)], ()))
print(sum(x * x for x in range(10)), sum([True, False, True]), sum([1, 2.5, 3j]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
try:
    sum(["a", "b"])
except TypeError as e:
    print("TypeError:", e)
print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "x", [0]]), all([1, 0]))
print(any(x > 5 for x in range(10)), all(x < 10 for x in range(10)))
checked = []
def check(x):
    checked.append(x)
    return x > 2
print(any(check(x) for x in range(10)), checked)
checked.clear()
print(all(check(x) for x in [5, 6, 1, 7]), checked)
