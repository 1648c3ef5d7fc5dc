# Decorators that take arguments (decorator factories).
def repeat(times):
    def decorate(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return decorate
@repeat(3)
def ping(x):
    return "ping " + str(x)
print(ping(1))
def tag(name, **attrs):
    def decorate(fn):
        def wrapper(*a, **k):
            extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
            return f"<{name}{extra}>{fn(*a, **k)}</{name}>"
        return wrapper
    return decorate
@tag("b")
@tag("a", href="/x")
def link(text):
    return text
print(link("click"))
def validate(*types):
    def decorate(fn):
        def wrapper(*args):
            for a, t in zip(args, types):
                if not isinstance(a, t):
                    raise TypeError(f"expected {t.__name__}, got {type(a).__name__}")
            return fn(*args)
        return wrapper
    return decorate
@validate(int, str)
def f(n, s):
    return s * n
print(f(2, "ab"))
try:
    f("2", "ab")
except TypeError as e:
    print("TypeError:", e)
