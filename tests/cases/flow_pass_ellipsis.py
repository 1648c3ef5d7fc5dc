# pass, Ellipsis, and empty bodies.
def nothing():
    pass
def also_nothing():
    ...
class Empty:
    pass
print(nothing(), also_nothing(), Empty.__name__)
print(..., Ellipsis, ... is Ellipsis, type(...).__name__)
for _ in range(3):
    pass
while False:
    pass
if True:
    pass
else:
    pass
x = [1, ..., 3]
print(x, x[1] is Ellipsis)
def docstring_only():
    "Only a docstring."
print(docstring_only(), docstring_only.__doc__)
