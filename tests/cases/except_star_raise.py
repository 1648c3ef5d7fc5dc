# What a try/except* raises: re-raised parts keep the original nesting,
# new exceptions become siblings in a new group with __context__ set.
import traceback


def outcome(f):
    try:
        f()
    except BaseException as e:
        return e
    return None


def show(e, indent=""):
    if e is None:
        print(indent + "None")
        return
    ctx = e.__context__
    cause = e.__cause__
    print(indent + repr(e), "| context:", repr(ctx), "| cause:", repr(cause))
    if isinstance(e, BaseExceptionGroup):
        for sub in e.exceptions:
            show(sub, indent + "    ")


def orig():
    return ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("nested", [OSError(3), ValueError(4)])])


def reraise_all():
    try:
        raise orig()
    except* ValueError:
        raise


def reraise_named():
    try:
        raise orig()
    except* ValueError as e:
        raise e


def raise_new():
    try:
        raise orig()
    except* ValueError:
        raise KeyError("new")


def raise_new_from():
    try:
        raise orig()
    except* ValueError as e:
        raise KeyError("new") from e


def raise_in_two_clauses():
    try:
        raise orig()
    except* ValueError:
        raise KeyError("k")
    except* OSError:
        raise IndexError("i")
    except* TypeError:
        pass


def handle_all_raise_one():
    try:
        raise orig()
    except* (ValueError, TypeError, OSError):
        raise RuntimeError("only")


def naked_reraise():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise


def naked_raise_new():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise TypeError("instead")


def unmatched_rest_and_new():
    try:
        raise orig()
    except* TypeError:
        raise ExceptionGroup("from handler", [ZeroDivisionError()])


def error_in_clause_type():
    try:
        raise orig()
    except* ValueError:
        pass
    except* undefined_name:
        pass


for f in [reraise_all, reraise_named, raise_new, raise_new_from, raise_in_two_clauses,
          handle_all_raise_one, naked_reraise, naked_raise_new, unmatched_rest_and_new,
          error_in_clause_type]:
    print(f.__name__)
    show(outcome(f), "  ")


# The same traceback for a group and the parts re-raised from it.
def tb_lines(e):
    return [fs.lineno - FIRST for fs in traceback.extract_tb(e.__traceback__)]


FIRST = tb_lines.__code__.co_firstlineno
e = outcome(reraise_all)
print(tb_lines(e))
e = outcome(raise_new)
print(tb_lines(e), [tb_lines(sub) for sub in e.exceptions])
e = outcome(reraise_named)
print(tb_lines(e), [tb_lines(sub) for sub in e.exceptions])

# Uncaught: the last line CPython prints.
raise_in_two_clauses()
