# Generator functions produce values lazily.
def count_up(n):
    print("  generator started")
    i = 0
    while i < n:
        yield i
        i += 1
    print("  generator finished")
g = count_up(3)
print(type(g).__name__)
print("created, nothing run yet")
print(next(g))
print(next(g))
print(list(g))
print(list(g))
def letters():
    yield "a"
    yield "b"
    yield "c"
print(list(letters()), "".join(letters()), sorted(letters(), reverse=True))
for i, c in enumerate(letters()):
    print(i, c)
def empty():
    return
    yield
print(list(empty()))
