# Function objects and their attributes.
def documented(a, b=2, *args, c, d=4, **kwargs):
    """Return nothing, but carry documentation."""
    local = 1
    return local
print(documented.__name__, documented.__qualname__, documented.__doc__)
print(documented.__defaults__, documented.__kwdefaults__, documented.__module__)
code = documented.__code__
print(code.co_argcount, code.co_kwonlyargcount, code.co_varnames[:7], code.co_name)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, outer().__name__)
class K:
    def method(self):
        pass
print(K.method.__qualname__, K.method.__name__)
documented.custom = "attached"
print(documented.custom, documented.__dict__)
print(callable(documented), type(documented).__name__, (lambda: 0).__qualname__)
def no_doc():
    pass
print(no_doc.__doc__)
