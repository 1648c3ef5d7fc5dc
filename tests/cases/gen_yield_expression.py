# yield is an expression: its value comes from send(), None for next().
def recorder():
    log = []
    while True:
        x = yield len(log)
        if x == "stop":
            return log
        log.append(x)
r = recorder()
print(next(r))
print(r.send("a"))
print(next(r))
print(r.send("b"))
try:
    r.send("stop")
except StopIteration as e:
    print("returned:", e.value)
def doubler():
    value = 1
    while value < 100:
        value = (yield value) or value * 2
d = doubler()
print(next(d), next(d), d.send(10), next(d), next(d), next(d, "end"))
def pairs():
    a = yield
    b = yield
    yield (a, b)
p = pairs()
next(p)
p.send("first")
print(p.send("second"))
print((lambda: (yield 5))().__next__())
