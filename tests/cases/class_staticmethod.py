# staticmethod: plain functions in a class namespace.
class MathUtil:
    @staticmethod
    def add(a, b):
        return a + b
    @staticmethod
    def is_even(n):
        return n % 2 == 0
    def method_using_static(self, n):
        return self.is_even(n), MathUtil.add(n, 1)
print(MathUtil.add(2, 3), MathUtil().add(4, 5), MathUtil.is_even(7))
print(MathUtil().method_using_static(10))
print(type(MathUtil.__dict__["add"]).__name__, MathUtil.add.__name__)
f = MathUtil.add
print(f(10, 20))
class Sub(MathUtil):
    @staticmethod
    def add(a, b):
        return a * b
print(Sub.add(2, 3), Sub().method_using_static(3))
print(staticmethod(len)("abc"))
