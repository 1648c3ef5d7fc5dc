# map and filter are lazy and accept any callables.
print(list(map(len, ["a", "bb", "ccc"])), list(map(str.upper, "abc")))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6, 7])))
print(list(map(pow, [2, 3], [3, 2])), list(map(int, "123")))
print(list(filter(lambda n: n % 2, range(10))), list(filter(None, [0, 1, "", "x", [], [0]])))
print(list(filter(str.isalpha, "a1b2c3")))
calls = []
def trace(x):
    calls.append(x)
    return x * 10
m = map(trace, [1, 2, 3])
print(calls)
print(next(m), calls)
print(list(m), calls)
print(list(m))
print(sum(map(abs, [-1, -2, 3])), max(filter(lambda s: "a" in s, ["cat", "dog", "bat"])))
try:
    list(map(None, [1]))
except TypeError as e:
    print("TypeError:", e)
