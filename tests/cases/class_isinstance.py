# isinstance and issubclass.
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, C), isinstance(b, object))
print(isinstance(b, (C, A)), isinstance(b, (C, (int, B))), isinstance(b, ()))
print(issubclass(B, A), issubclass(A, B), issubclass(B, B), issubclass(B, (C, A)))
print(isinstance(True, int), isinstance(1, bool), isinstance(1, (float, int)))
print(isinstance(None, type(None)), isinstance(int, type), isinstance(type, object))
print(issubclass(bool, int), issubclass(int, object), issubclass(type, object))
print(isinstance([], list), isinstance((), list), isinstance({}, dict), isinstance("", str))
print(isinstance(KeyError(), LookupError), issubclass(ZeroDivisionError, ArithmeticError))
try:
    isinstance(b, "A")
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(b, A)
except TypeError as e:
    print("TypeError:", e)
