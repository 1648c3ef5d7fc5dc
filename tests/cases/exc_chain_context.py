# Implicit chaining: an exception raised while handling another sets __context__.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print("caught", repr(e))
    print("context:", repr(e.__context__))
    print("cause:", e.__cause__, "suppress:", e.__suppress_context__)
try:
    try:
        raise KeyError("first")
    finally:
        raise IndexError("from finally")
except IndexError as e:
    print(repr(e), "context:", repr(e.__context__))
try:
    raise TypeError("no context")
except TypeError as e:
    print(e.__context__, e.__cause__)
def chain_length(e):
    n = 0
    while e is not None:
        n += 1
        e = e.__context__
    return n
try:
    try:
        try:
            raise OSError("a")
        except OSError:
            raise ValueError("b")
    except ValueError:
        raise KeyError("c")
except KeyError as e:
    print("chain length", chain_length(e))
