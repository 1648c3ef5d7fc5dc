# Decorators without arguments.
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper() + "!"
    return wrapper
@shout
def greet(name):
    return "hello " + name
print(greet("world"), greet.__name__)
calls = []
def logged(fn):
    def wrapper(*args):
        calls.append((fn.__name__, args))
        return fn(*args)
    wrapper.__name__ = fn.__name__
    wrapper.__wrapped__ = fn
    return wrapper
@logged
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), calls, add.__name__)
def register(fn):
    registry.append(fn.__name__)
    return fn
registry = []
@register
def one(): pass
@register
def two(): pass
print(registry, one() is None)
def count_calls(fn):
    def wrapper(*a):
        wrapper.calls += 1
        return fn(*a)
    wrapper.calls = 0
    return wrapper
@count_calls
def noop(): return None
noop(); noop(); noop()
print(noop.calls)
