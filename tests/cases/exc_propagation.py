# Exceptions propagate up through calls until handled; finally blocks run on the way.
trace = []
def a():
    try:
        b()
    finally:
        trace.append("a finally")
def b():
    try:
        c()
    finally:
        trace.append("b finally")
def c():
    trace.append("c raising")
    raise RuntimeError("deep problem")
try:
    a()
except RuntimeError as e:
    trace.append(f"caught: {e}")
print(trace)
def convert(items):
    out = []
    for i in items:
        try:
            out.append(int(i))
        except ValueError:
            out.append(None)
    return out
print(convert(["1", "x", "3"]))
def stop_at_first(items):
    return [int(i) for i in items]
try:
    stop_at_first(["1", "2", "x", "4"])
except ValueError as e:
    print("ValueError:", e)
