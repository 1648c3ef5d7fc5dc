# A BaseException subclass that is not an Exception escapes 'except Exception'.
class Abort(BaseException):
    pass
def work():
    try:
        raise Abort("stop everything")
    except Exception:
        print("never")
print("working")
try:
    work()
finally:
    print("cleanup ran")
