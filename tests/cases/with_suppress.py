# __exit__ returning a true value suppresses the exception.
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print(f"  suppressed {exc_type.__name__}: {exc}")
            return True
        return False
with Suppress(ZeroDivisionError):
    1 / 0
    print("never reached")
print("continued after suppression")
with Suppress(KeyError, IndexError):
    [][0]
try:
    with Suppress(KeyError):
        int("x")
except ValueError as e:
    print("not suppressed:", e)
class TruthyExit:
    def __enter__(self):
        pass
    def __exit__(self, *args):
        return "yes"
with TruthyExit():
    raise RuntimeError("swallowed by truthy string")
print("done")
def in_function():
    with Suppress(ValueError):
        raise ValueError("x")
    return "function continued"
print(in_function())
