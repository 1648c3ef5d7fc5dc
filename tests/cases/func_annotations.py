# Annotations are stored but not enforced.
def f(x: int, y: "str" = "a", *args: float, z: bool = False, **kw: dict) -> list:
    return [x, y, args, z, kw]
print(f("not an int", 5))
print(f.__annotations__)
def g(a, b) -> None:
    pass
print(g.__annotations__)
x: int = 5
y: list
print(x, __annotations__)
class C:
    a: int
    b: str = "bee"
print(C.__annotations__, C.b, hasattr(C, "a"))
def h():
    local: int = 1
    unassigned: str
    return local
print(h())
