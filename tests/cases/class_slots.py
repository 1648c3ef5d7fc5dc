# __slots__ restricts instance attributes.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y)
p.x = 10
print(p.x)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "__dict__"), P.__slots__)
q = P.__new__(P)
try:
    q.x
except AttributeError as e:
    print("AttributeError:", e)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
class Child(P):
    pass
c = Child(1, 2)
c.extra = "allowed: subclass has __dict__"
print(c.extra, hasattr(c, "__dict__"))
class Child2(P):
    __slots__ = ("z",)
c2 = Child2(1, 2)
c2.z = 3
print(c2.x, c2.y, c2.z)
