# __contains__, and the fallbacks to __iter__ and __getitem__.
class Evens:
    def __contains__(self, n):
        return n % 2 == 0
print(4 in Evens(), 5 in Evens(), 5 not in Evens())
class IterOnly:
    def __iter__(self):
        print("  iterating")
        return iter([1, 2, 3])
print(2 in IterOnly(), 7 in IterOnly())
class GetitemOnly:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10
print(20 in GetitemOnly(), 25 in GetitemOnly())
class Truthy:
    def __contains__(self, x):
        return "non-empty string"
print(1 in Truthy())
try:
    1 in object()
except TypeError as e:
    print("TypeError:", e)
