# return in finally overrides returns and swallows exceptions.
def override():
    try:
        return "try"
    finally:
        return "finally"
print(override())
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "exception swallowed"
print(swallow())
def nested():
    try:
        try:
            return 1
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")
print(nested())
def return_value_evaluated_first():
    x = "original"
    try:
        return x
    finally:
        x = "changed"
print(return_value_evaluated_first())
def counter():
    n = 0
    try:
        n += 1
        return n
    finally:
        n += 100
        print("  n in finally", n)
print(counter())
