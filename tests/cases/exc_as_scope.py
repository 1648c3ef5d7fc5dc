# The 'as' name is deleted at the end of the except block.
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("inside:", repr(e))
try:
    print(e)
except NameError as err:
    print("NameError:", err)
def f():
    exc = None
    try:
        1 / 0
    except ZeroDivisionError as exc:
        saved = exc
    return saved, "exc" in locals()
s, present = f()
print(repr(s), present)
try:
    raise KeyError("k")
except KeyError as err:
    kept = err
print(repr(kept))
