# finally with break, continue and return inside loops.
def trace_loop():
    log = []
    for i in range(4):
        try:
            if i == 0:
                continue
            if i == 2:
                break
            log.append(f"body {i}")
        finally:
            log.append(f"finally {i}")
    return log
print(trace_loop())
def return_from_loop():
    log = []
    for i in range(3):
        try:
            if i == 1:
                return log
        finally:
            log.append(i)
print(return_from_loop())
def while_with_exc():
    n = 0
    attempts = []
    while True:
        n += 1
        try:
            if n < 3:
                raise ValueError(n)
            break
        except ValueError as e:
            attempts.append(f"retry {e}")
        finally:
            attempts.append(f"attempt {n} done")
    return attempts
print(while_with_exc())
