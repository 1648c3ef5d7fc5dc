# globals() and locals() used for lookups (never printed whole).
alpha = 1
beta = "two"
g = globals()
print(g["alpha"], g["beta"], "gamma" in g)
g["gamma"] = 3
print(gamma)
print(__name__, globals()["__name__"])
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))
def counter():
    loc = locals()
    return sorted(loc)
print(counter())
class K:
    x = 1
    y = 2
    names = sorted(k for k in locals() if not k.startswith("__"))
print(K.names)
print(sorted(k for k in globals() if not k.startswith("__"))[:5])
print(type(globals()).__name__, globals() is globals())
