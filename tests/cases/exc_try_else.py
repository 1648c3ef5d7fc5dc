# else runs only when no exception was raised in try.
def attempt(x):
    log = []
    try:
        log.append("try")
        result = 10 // x
    except ZeroDivisionError:
        log.append("except")
    else:
        log.append(f"else {result}")
    return log
print(attempt(2))
print(attempt(0))
try:
    pass
except Exception:
    print("never")
else:
    print("else after empty try")
def else_raises():
    try:
        x = 1
    except ValueError:
        return "caught in except"
    else:
        raise ValueError("from else")
try:
    else_raises()
except ValueError as e:
    print("escaped from else:", e)
for i in range(3):
    try:
        if i == 1:
            continue
    except Exception:
        pass
    else:
        print("else for", i)
