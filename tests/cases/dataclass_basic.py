# @dataclass and the dataclasses helpers (they exec generated code).
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, make_dataclass, InitVar
from typing import List, ClassVar
import dataclasses

@dataclass
class Point:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list)
    count: ClassVar[int] = 0

p = Point(1, 2)
print(p, p == Point(1, 2), p != Point(2, 1))
print(asdict(p), astuple(p))
print(replace(p, y=5))
print([f.name for f in fields(p)])
print(Point.__init__.__doc__ if False else "", Point.__match_args__)

@dataclass(order=True, frozen=True)
class V:
    a: int
    b: str = "z"

print(V(1) < V(2), sorted([V(3), V(1, "a"), V(1)]))
try:
    V(1).a = 3
except FrozenInstanceError as e:
    print("frozen", e)
print(hash(V(1)) == hash(V(1)))

@dataclass
class C:
    x: int
    y: InitVar[int] = 1
    z: int = field(init=False, repr=False, default=9)
    def __post_init__(self, y):
        self.x += y
print(C(1), C(1, 5).x, C(1).z)

D = make_dataclass("D", [("a", int), ("b", str, field(default="q"))])
print(D(3))
@dataclass(eq=False)
class E:
    a: int
print(E(1) == E(1))
@dataclass(slots=True)
class S:
    a: int
    b: float = 1.5
print(S(1), S.__slots__)
@dataclass(kw_only=True)
class K:
    a: int
    b: int = 2
print(K(a=1))
print(dataclasses.is_dataclass(K), dataclasses.is_dataclass(K(a=1)), dataclasses.is_dataclass(int))

import inspect
print(inspect.signature(Point), inspect.signature(V.__init__))
print(Point.__init__.__qualname__, Point.__repr__.__qualname__)
print(Point.__annotations__)


@dataclass
class Node:
    value: int
    children: List["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, compare=False, repr=False)


root = Node(1, [Node(2), Node(3, [Node(4)])])
print(root)
print(asdict(root))
print(root == Node(1, [Node(2), Node(3, [Node(4)])]))


@dataclass
class Base:
    a: int = 1


@dataclass
class Derived(Base):
    b: str = "x"

    def total(self):
        return f"{self.a}{self.b}"


print(Derived(), Derived(5, "y").total(), [f.name for f in fields(Derived)])
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Mutable:
        a: list = []
except ValueError as e:
    print("ValueError", e)
try:
    Point()
except TypeError as e:
    print("TypeError", e)
print(field(default=3).default, list.__hash__)
