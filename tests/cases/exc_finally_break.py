# break and continue inside finally.
def break_swallows():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return "loop broken, exception discarded, i=" + str(i)
print(break_swallows())
def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise KeyError(i)
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())
def break_in_try():
    log = []
    while True:
        try:
            log.append("try")
            break
        finally:
            log.append("finally")
    log.append("after loop")
    return log
print(break_in_try())
def continue_in_try():
    log = []
    for i in range(2):
        try:
            continue
        finally:
            log.append(f"finally {i}")
    return log
print(continue_in_try())
