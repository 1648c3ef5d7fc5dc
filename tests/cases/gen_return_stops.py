# return inside a generator ends iteration.
def until_negative(xs):
    for x in xs:
        if x < 0:
            return
        yield x
print(list(until_negative([3, 1, 4, -1, 5])))
print(list(until_negative([-1, 2])), list(until_negative([])))
def with_value():
    yield "a"
    return "the end"
g = with_value()
print(list(g))
results = []
def collector():
    r = yield from with_value()
    results.append(r)
list(collector())
print(results)
def gen_in_loop():
    for i in range(10):
        if i == 3:
            break
        yield i
    yield "after loop"
print(list(gen_in_loop()))
