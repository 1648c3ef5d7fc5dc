# Messages of ZeroDivisionError for each operator and type.
cases = [
    ("1 / 0", lambda: 1 / 0),
    ("1 // 0", lambda: 1 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("divmod(1, 0)", lambda: divmod(1, 0)),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("1.0 // 0", lambda: 1.0 // 0),
    ("1.0 % 0", lambda: 1.0 % 0),
    ("divmod(1.0, 0)", lambda: divmod(1.0, 0)),
    ("0 ** -1", lambda: 0 ** -1),
    ("0.0 ** -1", lambda: 0.0 ** -1),
    ("1j / 0", lambda: 1j / 0),
    ("10 ** 30 // 0", lambda: 10 ** 30 // 0),
]
for text, fn in cases:
    try:
        fn()
        print(text, "no error")
    except ZeroDivisionError as e:
        print(text, "->", type(e).__name__, repr(str(e)))
print(isinstance(ZeroDivisionError(), ArithmeticError))
