# Instance attributes set in __init__ and later.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(1, 2)
print(p.x, p.y)
p.x = 10
p.z = "new attribute"
print(p.x, p.z, sorted(vars(p)))
q = Point(3, 4)
print(hasattr(q, "z"), q.__dict__)
del p.z
print(hasattr(p, "z"))
try:
    q.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    del q.missing
except AttributeError as e:
    print("AttributeError:", e)
print(type(p).__name__, type(p) is Point, isinstance(p, Point))
