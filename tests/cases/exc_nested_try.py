# Nested try statements and where exceptions are caught.
def level(n):
    log = []
    try:
        log.append("outer try")
        try:
            log.append("inner try")
            if n == 1:
                raise ValueError("inner")
            if n == 2:
                raise KeyError("outer")
        except ValueError as e:
            log.append(f"inner except {e}")
            if n == 1:
                raise TypeError("from inner handler")
        finally:
            log.append("inner finally")
    except KeyError as e:
        log.append(f"outer except {e!r}")
    except TypeError as e:
        log.append(f"outer except {e}")
    finally:
        log.append("outer finally")
    return log
for n in range(3):
    print(n, level(n))
