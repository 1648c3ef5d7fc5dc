# __eq__ returning NotImplemented falls back to the other operand, then identity.
class A:
    def __eq__(self, other):
        print("  A.__eq__")
        return NotImplemented
class B:
    def __eq__(self, other):
        print("  B.__eq__")
        return True
a = A()
print(a == B())
print(B() == a)
print(a == a, a == A(), a != A())
class Ne:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Ne) and self.v == other.v
print(Ne(1) != Ne(1), Ne(1) != Ne(2), Ne(1) == 1, 1 == Ne(1))
class AlwaysLt:
    def __lt__(self, other):
        return True
    def __gt__(self, other):
        return False
print(AlwaysLt() < 5, 5 > AlwaysLt(), 5 < AlwaysLt())
