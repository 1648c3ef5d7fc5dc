# yield from delegates to another iterable.
def inner():
    yield 1
    yield 2
def outer():
    yield "start"
    yield from inner()
    yield from [10, 20]
    yield from "xy"
    yield from range(2)
    yield "end"
print(list(outer()))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1], (2, 3), {"k": 4}, "5")))
def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [], [[6]]])))
