# close() raises GeneratorExit inside the generator.
def worker():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("  got GeneratorExit")
        raise
    finally:
        print("  cleanup")
g = worker()
print(next(g))
g.close()
print("closed")
g.close()
try:
    next(g)
except StopIteration:
    print("StopIteration after close")
g2 = worker()
g2.close()
print("closing an unstarted generator runs nothing")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(s, "stubborn generator now finished"))
def finished():
    yield 1
f = finished()
list(f)
f.close()
print("closing a finished generator is fine")
