# throw() raises an exception at the paused yield.
def resilient():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  handled inside generator:", e)
g = resilient()
print(next(g))
print(g.throw(ValueError("bad input")))
print(next(g))
try:
    g.throw(KeyError("not handled"))
except KeyError as e:
    print("propagated out:", repr(e))
try:
    next(g)
except StopIteration:
    print("generator is finished after unhandled throw")
def fresh():
    yield 1
f = fresh()
try:
    f.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("thrown into unstarted generator:", e)
print(list(f))
def cleanup():
    try:
        yield 1
    finally:
        print("  finally ran on throw")
c = cleanup()
next(c)
try:
    c.throw(IndexError)
except IndexError as e:
    print("IndexError from throw:", repr(e))
