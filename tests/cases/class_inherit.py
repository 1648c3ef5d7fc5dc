# Single inheritance, overriding and extension.
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def describe(self):
        return f"{type(self).__name__}({self.name})"
class Dog(Animal):
    sound = "woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!!"
class Cat(Animal):
    sound = "meow"
    def __init__(self, name, indoor=True):
        super().__init__(name)
        self.indoor = indoor
for a in [Animal("thing"), Dog("rex"), Puppy("bit"), Cat("tom")]:
    print(a.speak(), a.describe())
c = Cat("kit", indoor=False)
print(c.indoor, c.name)
print(isinstance(Puppy("p"), Animal), issubclass(Puppy, Dog), issubclass(Cat, Dog))
print(Puppy.__bases__[0].__name__, Animal.__bases__[0].__name__)
print([k.__name__ for k in Puppy.__mro__])
