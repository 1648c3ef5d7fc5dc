# PEP 646 star-unpacking in subscripts and *args annotations.
from typing import TypeVarTuple, Generic
Ts = TypeVarTuple("Ts")
class C(Generic[*Ts]): pass
print(C[int, str])
def f(*args: *Ts): pass
print(f.__annotations__)
d = {(1, 2): "x"}
t = (1, 2)
print(d[*t])
