# try/except/else/finally in every combination, with ordering traced.
def run(action):
    trace = []
    try:
        trace.append("try")
        if action == "value":
            raise ValueError
        if action == "type":
            raise TypeError
        if action == "key":
            raise KeyError("k")
    except ValueError:
        trace.append("except ValueError")
    except (TypeError, KeyError) as e:
        trace.append("except " + type(e).__name__)
        if action == "key":
            raise RuntimeError("re-raised from handler")
    else:
        trace.append("else")
    finally:
        trace.append("finally")
        print("  trace so far:", trace)
    trace.append("after")
    return trace
for action in ["none", "value", "type", "key"]:
    try:
        print(action, "->", run(action))
    except RuntimeError as e:
        print(action, "-> RuntimeError:", e, "| context:", repr(e.__context__))
