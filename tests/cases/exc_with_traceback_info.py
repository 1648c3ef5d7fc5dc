# Exceptions carry a traceback; frames can be counted without printing addresses.
def inner():
    raise ValueError("deep")
def middle():
    inner()
def outer():
    middle()
try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)
    print(type(e.__traceback__).__name__)
e2 = ValueError("never raised")
print(e2.__traceback__)
try:
    raise e2.with_traceback(None)
except ValueError as e:
    print(e is e2, e.__traceback__ is not None)
