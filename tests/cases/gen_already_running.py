# A generator cannot be resumed while it is already running.
def selfish():
    yield g.send(None)
g = selfish()
try:
    next(g)
except ValueError as e:
    print("ValueError:", e)
def inspect():
    print("  running:", gen.gi_running)
    yield 1
gen = inspect()
print("before:", gen.gi_running)
next(gen)
print("after first next:", gen.gi_running)
list(gen)
print("finished:", gen.gi_running, next(gen, "exhausted"))
