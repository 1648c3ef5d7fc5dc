# __exit__ receives the exception type, value and traceback.
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc_value, tb):
        self.seen = (exc_type, exc_value, tb is not None)
        print("  exit got:", exc_type, repr(exc_value), tb is not None)
        return True
with Inspect() as i1:
    pass
with Inspect() as i2:
    raise KeyError("key")
with Inspect() as i3:
    {}["missing"]
print(i1.seen[0], i2.seen[0].__name__, i3.seen[1].args)
class Replace:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is ValueError:
            raise TypeError("replaced in __exit__") from exc
try:
    with Replace():
        raise ValueError("original")
except TypeError as e:
    print("TypeError:", e, "| cause:", repr(e.__cause__))
