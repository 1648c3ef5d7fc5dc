# The builtin exception hierarchy and handler order.
pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
         (KeyError, LookupError), (IndexError, LookupError), (UnboundLocalError, NameError),
         (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
         (FileNotFoundError, OSError), (UnicodeDecodeError, ValueError),
         (StopIteration, Exception), (KeyboardInterrupt, Exception),
         (SystemExit, BaseException), (Exception, BaseException), (GeneratorExit, Exception),
         (ModuleNotFoundError, ImportError), (AssertionError, Exception)]
for sub, base in pairs:
    print(sub.__name__, base.__name__, issubclass(sub, base))
def first_handler(exc):
    try:
        raise exc
    except LookupError:
        return "LookupError"
    except KeyError:
        return "KeyError (unreachable)"
    except Exception:
        return "Exception"
print(first_handler(KeyError()), first_handler(ValueError()))
try:
    raise SystemExit(0)
except Exception:
    print("not caught here")
except BaseException as e:
    print("SystemExit caught by BaseException", e.code)
