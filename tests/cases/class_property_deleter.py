# property() with getter, setter, deleter and doc.
class Person:
    def __init__(self, name):
        self._name = name
    def get_name(self):
        return self._name.title()
    def set_name(self, v):
        self._name = v
    def del_name(self):
        print("deleting name")
        del self._name
    name = property(get_name, set_name, del_name, "The person's name.")
p = Person("ada lovelace")
print(p.name)
p.name = "grace hopper"
print(p.name, p._name)
del p.name
print(hasattr(p, "_name"))
try:
    p.name
except AttributeError as e:
    print("AttributeError:", e)
print(Person.name.__doc__)
class Sub(Person):
    @Person.name.getter
    def name(self):
        return "Sub:" + self._name
s = Sub("x")
print(s.name)
s.name = "y"
print(s.name)
