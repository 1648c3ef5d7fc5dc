# Custom exception hierarchies.
class AppError(Exception):
    """Base error for the app."""
class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what
class Invalid(AppError):
    pass
def fetch(key):
    if key == "missing":
        raise NotFound(key)
    if key == "":
        raise Invalid("empty key")
    return key.upper()
for key in ["ok", "missing", ""]:
    try:
        print("result:", fetch(key))
    except NotFound as e:
        print("NotFound:", e, "| what =", e.what)
    except AppError as e:
        print(type(e).__name__ + ":", e)
print(issubclass(NotFound, AppError), issubclass(AppError, Exception), AppError.__doc__)
print([c.__name__ for c in NotFound.__mro__])
print(repr(NotFound("thing")), str(Invalid()), repr(Invalid()))
