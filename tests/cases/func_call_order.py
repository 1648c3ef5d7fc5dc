# Argument evaluation order is left to right.
log = []
def v(x):
    log.append(x)
    return x
def f(*args, **kwargs):
    return args, kwargs
f(v(1), v(2), k=v(3), j=v(4))
print(log)
log.clear()
f(*[v("a"), v("b")], **{v("key"): v("val")})
print(log)
log.clear()
def callee(*a):
    return a
v(callee)(v(10), v(20))
print([x if not callable(x) else "callee" for x in log])
log.clear()
d = {v("k1"): v("v1"), v("k2"): v("v2")}
print(log)
log.clear()
x = [v(1), v(2)][v(0)]
print(x, log)
log.clear()
r = v(2) + v(3) * v(4)
print(r, log)
log.clear()
obj = {"a": [0, 0]}
obj[v("a")][v(1)] = v(9)
print(obj, log)
