# nonlocal rebinds a variable in an enclosing function.
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter()
print(c(), c(), c(10))
def outer():
    x = "outer"
    def middle():
        x = "middle"
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
        return x
    m = middle()
    return x, m
print(outer())
def accumulate():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total, items
    return add
acc = accumulate()
acc(1)
print(acc(2))
def no_nonlocal():
    n = 0
    def bump():
        n = 99
        return n
    bump()
    return n
print(no_nonlocal())
