# Bare raise re-raises the exception being handled.
def handler():
    try:
        raise ValueError("original")
    except ValueError:
        print("  logging and re-raising")
        raise
try:
    handler()
except ValueError as e:
    print("re-raised:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
def reraise_after_other():
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise ValueError("second")
        except ValueError:
            pass
        raise
try:
    reraise_after_other()
except KeyError as e:
    print("still the first:", repr(e))
def helper_raise():
    raise
try:
    try:
        raise IndexError("in handler")
    except IndexError:
        helper_raise()
except IndexError as e:
    print("bare raise in called function:", e)
