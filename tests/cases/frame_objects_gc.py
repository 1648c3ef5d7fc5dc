# Frame objects outlive their activations and collections: f_back chains,
# f_locals of finished frames, generator frames, tracebacks of deep recursion.
import sys, gc
def mk(n):
    x = [n] * 3
    if n == 0:
        return sys._getframe()
    return mk(n - 1)
frames = [mk(i % 20) for i in range(300)]
gc.collect()
def churn():
    return [str(i) * 3 for i in range(1000)]
for _ in range(50): churn()
gc.collect()
tot = 0
for f in frames:
    g = f
    while g is not None:
        tot += g.f_lineno
        if g.f_code.co_name == 'mk':
            tot += g.f_locals['x'][0]
        g = g.f_back
print(tot)
def gen():
    f = sys._getframe()
    yield f
    yield sys._getframe()
g = gen(); a = next(g); b = next(g)
print(a.f_code.co_name, b.f_back, g.gi_frame.f_lineno, g.gi_frame.f_back)
gc.collect()
print(b.f_lineno, sorted(b.f_locals))
for i in range(20000):
    try:
        {}[i]
    except KeyError as e:
        t = e.__traceback__
print(t.tb_frame.f_code.co_name, t.tb_lineno)
def rec(n):
    if n == 0:
        raise ValueError
    return rec(n - 1)
try:
    rec(500)
except ValueError as e:
    n = 0; t = e.__traceback__
    while t: n += 1; last = t; t = t.tb_next
    print(n, last.tb_frame.f_locals, last.tb_frame.f_back.f_locals)
gc.collect()
print(sys._getframe(0).f_back, type(sys._getframe().f_builtins))
