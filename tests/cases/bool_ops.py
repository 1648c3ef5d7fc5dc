# and/or return operands; not returns bool; short-circuiting.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, 0 or 0.0, "" or "x", [] and 5)
print(None or "default", "a" and "b" and "c", "a" and "" and "c")
print(not 1, not 0, not "", not [1], not None)
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
print(r, calls)
calls.clear()
r = t(1) or t(2)
print(r, calls)
calls.clear()
r = t(0) or t("") or t(3) or t(4)
print(r, calls)
print(True and not False or False)
print(not (1 == 1) or 2 > 1)
x = 5
print(x > 0 and x < 10, x > 0 and "positive" or "non-positive")
