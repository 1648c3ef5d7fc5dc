# Errors inside an except block and re-raising a different error.
def convert(s):
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            raise TypeError(f"cannot convert {s!r}")
for s in ["3", "2.5", "abc"]:
    try:
        print(convert(s))
    except TypeError as e:
        print("TypeError:", e, "| context:", type(e.__context__).__name__)
try:
    try:
        raise ValueError("first")
    except ValueError:
        undefined_function()
except NameError as e:
    print("NameError:", e, "| context:", repr(e.__context__))
def handler_returns():
    try:
        raise KeyError("k")
    except KeyError:
        return "returned from handler"
print(handler_returns())
