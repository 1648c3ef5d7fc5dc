# finally always runs.
def f(mode):
    log = []
    try:
        log.append("try")
        if mode == "raise":
            raise ValueError("boom")
        if mode == "return":
            return log + ["returned"]
    finally:
        log.append("finally")
    log.append("after")
    return log
print(f("normal"))
print(f("return"))
try:
    f("raise")
except ValueError as e:
    print("propagated:", e)
def side_effect():
    log = []
    try:
        return log
    finally:
        log.append("finally mutated the returned list")
print(side_effect())
for i in range(3):
    try:
        if i == 1:
            break
    finally:
        print("finally in loop", i)
