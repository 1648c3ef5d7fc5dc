# Mutable defaults are evaluated once and shared between calls.
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
print(append_to.__defaults__)
def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))
def counter(cache={}):
    cache["n"] = cache.get("n", 0) + 1
    return cache["n"]
print(counter(), counter(), counter())
x = 10
def uses_x(v=x):
    return v
x = 20
print(uses_x())
