# Basic try/except, matching by type and binding with 'as'.
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "div by zero"
print(safe_div(6, 3), safe_div(1, 0))
for value in ["12", "x", None, [1]]:
    try:
        print(int(value))
    except ValueError as e:
        print("ValueError:", e)
    except TypeError as e:
        print("TypeError:", e)
try:
    [][0]
except Exception as e:
    print(type(e).__name__, "caught by Exception")
try:
    {}["k"]
except LookupError as e:
    print(type(e).__name__, "caught by LookupError:", e)
try:
    raise ValueError("custom message")
except ValueError as err:
    print("message:", err, "args:", err.args)
try:
    try:
        raise KeyError("inner")
    except ValueError:
        print("wrong handler")
except KeyError as e:
    print("outer handler got", repr(e))
