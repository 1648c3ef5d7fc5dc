# Class bodies are not enclosing scopes for methods or comprehensions.
x = "module"
class C:
    x = "class"
    y = x + "!"
    def method(self):
        return x
    items = [x for _ in range(2)]
    z = [i for i in range(3)]
print(C.y, C().method(), C.items, C.z)
class D:
    a = 10
    try:
        b = [a * i for i in range(2)]
    except NameError as e:
        err = str(e)
print(D.err)
class E:
    n = 3
    doubled = [v * 2 for v in range(n)]
print(E.doubled)
def f():
    local = "function local"
    class Inner:
        attr = local
        def m(self):
            return local
    return Inner.attr, Inner().m()
print(f())
