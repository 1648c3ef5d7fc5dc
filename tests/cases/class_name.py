# __class__, __name__, __qualname__, __module__ and type().
class Outer:
    class Inner:
        def method(self):
            pass
o = Outer()
i = Outer.Inner()
print(o.__class__.__name__, type(o).__name__, o.__class__ is Outer)
print(Outer.Inner.__name__, Outer.Inner.__qualname__, Outer.__module__)
print(i.__class__.__qualname__, Outer.Inner.method.__qualname__)
print(type(o), type(i), Outer, Outer.Inner)
print(type(1).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(type).__name__)
print((1).__class__, "".__class__.__name__, [].__class__.__class__.__name__)
def f():
    class Local:
        pass
    return Local
print(f().__qualname__, f().__name__)
print(int.__module__, type.__qualname__)
