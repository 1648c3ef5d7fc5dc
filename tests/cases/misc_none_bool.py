# None, True and False: identity, type, truthiness, comparisons.
print(None, True, False, type(None).__name__, type(True).__name__)
print(None == None, None is None, None == 0, None == False, None == "")
print(bool(None), not None, None or "fallback", None and "never")
def f():
    pass
print(f() is None, [].sort() is None, print("inner print") is None)
try:
    None < 1
except TypeError as e:
    print("TypeError:", e)
print(True == 1, False == 0, True is not False, True + True)
print(str(None), repr(None), str(True), repr(False))
print(isinstance(None, object), isinstance(True, int), type(None)() is None)
d = {None: "none key", True: "true key"}
print(d[None], d[1])
