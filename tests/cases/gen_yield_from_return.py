# The value of 'yield from' is the sub-generator's return value.
def sub(n):
    total = 0
    for i in range(n):
        total += i
        yield i
    return total
def delegator():
    r1 = yield from sub(3)
    print("  sub(3) returned", r1)
    r2 = yield from sub(4)
    print("  sub(4) returned", r2)
    return r1 + r2
g = delegator()
print(list(g))
def capture():
    result = yield from delegator()
    yield f"final {result}"
print(list(capture()))
def returns_early():
    yield 1
    return "early"
    yield 2
g = returns_early()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
def from_list():
    r = yield from [1, 2]
    yield r
print(list(from_list()))
