# Creating classes with type(name, bases, namespace).
def init(self, v):
    self.v = v
Dyn = type("Dyn", (), {"__init__": init, "double": lambda self: self.v * 2, "kind": "dynamic"})
d = Dyn(21)
print(d.double(), d.kind, type(d).__name__, Dyn.__name__, Dyn.__bases__)
Sub = type("Sub", (Dyn,), {"triple": lambda self: self.v * 3})
s = Sub(5)
print(s.double(), s.triple(), isinstance(s, Dyn), [c.__name__ for c in Sub.__mro__])
print(type(Dyn) is type, type(type), type(d) is Dyn)
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["created_by"] = "Meta"
        return super().__new__(mcls, name, bases, ns)
class WithMeta(metaclass=Meta):
    pass
print(WithMeta.created_by, type(WithMeta).__name__)
