# Arithmetic operator overloading.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)
    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)
    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)
    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y
    def __and__(self, o):
        return "and"
    def __or__(self, o):
        return "or"
    def __xor__(self, o):
        return "xor"
    def __lshift__(self, n):
        return Vec(self.x << n, self.y << n)
    def __rshift__(self, n):
        return Vec(self.x >> n, self.y >> n)
    def __divmod__(self, k):
        return (self // k, self % k)
a, b = Vec(7, 9), Vec(1, 2)
print(a + b, a - b, a * 3, a / 2, a // 2, a % 4, b ** 3, a @ b)
print(a & b, a | b, a ^ b, a << 2, a >> 1, divmod(a, 4))
try:
    a + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    3 * a
except TypeError as e:
    print("TypeError:", e)
