# classmethod: alternative constructors and per-class state.
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        return cls(*map(int, s.split("-")))
    @classmethod
    def kind(cls):
        return cls.__name__
    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
class FancyDate(Date):
    pass
print(Date.from_string("2024-02-29"), FancyDate.from_string("1999-12-31"))
print(Date.kind(), FancyDate.kind(), FancyDate(1, 2, 3).kind())
class Registry:
    items = None
    @classmethod
    def register(cls, item):
        if cls.items is None:
            cls.items = []
        cls.items.append(item)
        return cls
class A(Registry): pass
class B(Registry): pass
A.register(1).register(2)
B.register("x")
print(A.items, B.items, Registry.items)
print(type(Date.__dict__["kind"]).__name__, Date.kind.__self__ is Date)
