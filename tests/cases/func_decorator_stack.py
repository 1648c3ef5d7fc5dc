# Stacked decorators apply bottom-up; decorator expressions are evaluated top-down.
order = []
def deco(label):
    order.append("make " + label)
    def wrap(fn):
        order.append("apply " + label)
        def inner(*a):
            return f"{label}({fn(*a)})"
        return inner
    return wrap
@deco("outer")
@deco("middle")
@deco("inner")
def base(x):
    return str(x)
print(order)
print(base(1))
def method_deco(fn):
    def wrapper(self, *args):
        return "[" + fn(self, *args) + "]"
    return wrapper
class Greeter:
    def __init__(self, name):
        self.name = name
    @method_deco
    def hello(self, punct):
        return "hello " + self.name + punct
print(Greeter("bob").hello("!"))
def identity(fn):
    return fn
@identity
@identity
def plain():
    return "plain"
print(plain(), plain.__name__)
