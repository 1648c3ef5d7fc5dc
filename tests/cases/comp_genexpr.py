# Generator expressions are lazy and single-use.
g = (x * x for x in range(5))
print(type(g).__name__)
print(next(g), next(g))
print(list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in ["a", "abc", "ab"]))
print(sorted((c for c in "cab"), reverse=True), tuple(i for i in "xy"))
log = []
def f(x):
    log.append(x)
    return x
g2 = (f(x) for x in range(3))
print(log)
next(g2)
print(log)
print(any(f(x) > 5 for x in range(100)), len(log))
data = [3, 8, 1]
g3 = (x for x in data)
data.append(100)
print(list(g3))
try:
    (1 / x for x in [0])
    print("created without error")
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(" ".join(str(i) for i in range(5)))
