# raise ... from None suppresses the context display.
def lookup(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(f"no such key: {key}") from None
try:
    lookup({}, "x")
except LookupError as e:
    print("LookupError:", e)
    print("cause:", e.__cause__, "suppress:", e.__suppress_context__)
    print("context still recorded:", repr(e.__context__))
e = ValueError("manual")
print(e.__cause__, e.__context__, e.__suppress_context__)
e.__cause__ = KeyError("set by hand")
print(repr(e.__cause__))
