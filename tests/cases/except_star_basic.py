# try/except* (PEP 654): each clause takes the matching part of the group,
# naked exceptions are wrapped, else/finally run as for try/except.
import sys


def run(make, *clauses):
    """Raise make() into a try/except* ValueError / except* (TypeError, KeyError)."""
    log = []
    try:
        try:
            raise make()
        except* ValueError as v:
            log.append(("ValueError", repr(v), repr(sys.exception())))
        except* (TypeError, KeyError) as t:
            log.append(("Type/Key", repr(t), t is sys.exception()))
        else:
            log.append("else")
        finally:
            log.append("finally")
    except BaseException as rest:
        log.append(("escaped", repr(rest)))
    return log


cases = [
    lambda: ExceptionGroup("all", [ValueError(1), TypeError(2), KeyError(3), OSError(4)]),
    lambda: ExceptionGroup("values", [ValueError(1), ValueError(2)]),
    lambda: ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), OSError(3)])]),
    lambda: ValueError("naked"),
    lambda: KeyError("naked key"),
    lambda: OSError("unmatched naked"),
    lambda: BaseExceptionGroup("base", [ValueError(1), KeyboardInterrupt()]),
]
for make in cases:
    for entry in run(make):
        print(entry)
    print("--")


def no_exception():
    try:
        x = 1
    except* ValueError:
        x = 2
    else:
        x += 10
    finally:
        x += 100
    return x


print(no_exception())

# The name bound by `as` is unbound after the clause.
try:
    raise ExceptionGroup("g", [ValueError()])
except* ValueError as bound:
    pass
print("bound" in dir())

# Loops around and inside except* clauses.
total = 0
for i in range(5):
    try:
        if i % 2:
            raise ExceptionGroup("odd", [ValueError(i)])
        total += i
    except* ValueError as e:
        for sub in e.exceptions:
            if sub.args[0] > 2:
                break
            total += 100 * sub.args[0]
print(total)

# Clause types are checked when the clause is reached.
for bad in [int, (ValueError, 5), ExceptionGroup, (TypeError, BaseExceptionGroup)]:
    try:
        try:
            raise ValueError(1)
        except* bad:
            pass
    except TypeError as err:
        print(type(err).__name__, err)

# A clause after everything is handled is still evaluated.
evaluated = []


def clause_type(t):
    evaluated.append(t.__name__)
    return t


try:
    raise ExceptionGroup("g", [ValueError(1)])
except* clause_type(ValueError):
    pass
except* clause_type(TypeError):
    pass
print(evaluated)
print(sys.exception())


# Generators and except*.
def gen():
    try:
        yield 1
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError as e:
        yield repr(e)
    except* KeyError as k:
        yield repr(k)
    yield "done"


print(list(gen()))
