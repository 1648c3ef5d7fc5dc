# send and throw together: a coroutine-style accumulator with reset.
class Reset(Exception):
    pass
def accumulator():
    total = 0
    while True:
        try:
            value = yield total
            if value is not None:
                total += value
        except Reset:
            total = 0
acc = accumulator()
print(next(acc))
print(acc.send(5))
print(acc.send(10))
print(acc.throw(Reset))
print(acc.send(3))
print(next(acc))
def delegating():
    result = yield from accumulator()
    yield result
d = delegating()
next(d)
print(d.send(7), d.send(1), d.throw(Reset()), d.send(2))
