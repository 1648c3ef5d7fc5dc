# Local, Enclosing, Global, Builtin name resolution.
x = "global"
def outer():
    x = "enclosing"
    def inner():
        x = "local"
        return x
    def inner2():
        return x
    return inner(), inner2()
print(outer())
def uses_builtin():
    return len("abc")
print(uses_builtin())
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("abc")
print(shadow_builtin(), len("abc"))
print = print
def global_shadow():
    return abs(-3)
abs = lambda v: "module-level abs"
print(global_shadow())
del abs
print(global_shadow())
y = 1
def f():
    y = 2
    def g():
        return y
    y = 3
    return g()
print(f())
