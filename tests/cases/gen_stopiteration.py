# StopIteration signals exhaustion of iterators.
it = iter([1, 2])
print(next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e), e.value)
print(next(it, "default"), next(iter([]), None))
def gen():
    yield 1
    return "done"
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("return value:", e.value)
try:
    next(g)
except StopIteration as e:
    print("second time value:", e.value)
def raises_stop():
    yield 1
    raise StopIteration("inside generator")
try:
    list(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
try:
    next(5)
except TypeError as e:
    print("TypeError:", e)
