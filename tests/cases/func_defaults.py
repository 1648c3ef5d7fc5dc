# Default argument values.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))
def power(base, exp=2):
    return base ** exp
print(power(3), power(3, 3), power(exp=0, base=9))
def f(a, b=1, *args, c=2, d, **kw):
    return a, b, args, c, d, kw
print(f(0, d=4))
print(f(0, 9, 8, 7, d=4, c=3, e=5))
print(greet.__defaults__, f.__kwdefaults__, power.__defaults__)
def g(x=None):
    return "default" if x is None else x
print(g(), g(0), g(""))
