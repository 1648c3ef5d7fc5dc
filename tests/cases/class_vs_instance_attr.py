# Class attributes are shared until shadowed by an instance attribute.
class Dog:
    species = "canis"
    tricks = []
    def __init__(self, name):
        self.name = name
    def add_trick(self, t):
        self.tricks.append(t)
a, b = Dog("rex"), Dog("fido")
print(a.species, b.species, Dog.species)
a.species = "wolf"
print(a.species, b.species, Dog.species)
Dog.species = "dog"
print(a.species, b.species)
del a.species
print(a.species)
a.add_trick("sit")
b.add_trick("roll")
print(a.tricks, b.tricks, a.tricks is Dog.tricks)
print("species" in vars(a), "species" in vars(Dog), sorted(vars(b)))
class Counted:
    count = 0
    def __init__(self):
        Counted.count += 1
        self.id = Counted.count
objs = [Counted() for _ in range(3)]
print(Counted.count, [o.id for o in objs], objs[0].count)
