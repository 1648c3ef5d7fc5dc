# Functions accessed through the class are plain functions.
class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, greeting="hi"):
        return f"{greeting} {self.name}"
g = Greeter("ann")
print(Greeter.greet(g), Greeter.greet(g, "yo"), type(Greeter.greet).__name__)
bound = g.greet
print(bound(), type(bound).__name__, bound.__self__.name)
class Duck:
    name = "duck"
print(Greeter.greet(Duck()))
print(list(map(Greeter.greet, [Greeter("a"), Greeter("b")])))
print(str.upper("abc"), list.__len__([1, 2]), dict.get({"k": 1}, "k"))
m1 = g.greet
m2 = g.greet
print(m1 == m2, m1.__func__ is m2.__func__)
g.greet = lambda: "instance attribute shadows method"
print(g.greet(), Greeter.greet(g))
