# yield inside try/except/else/finally blocks.
def guarded(values):
    for v in values:
        try:
            result = 10 // v
        except ZeroDivisionError:
            yield "div by zero"
        else:
            yield result
        finally:
            yield f"finally for {v}"
print(list(guarded([2, 0, 5])))
def retrying():
    attempts = 0
    while True:
        try:
            attempts += 1
            yield f"attempt {attempts}"
            if attempts < 3:
                raise ValueError
            yield "success"
            return
        except ValueError:
            yield "retrying"
print(list(retrying()))
