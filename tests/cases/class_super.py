# Cooperative multiple inheritance with super().
class Base:
    def __init__(self):
        self.log = ["Base"]
    def hello(self):
        return ["Base.hello"]
class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")
    def hello(self):
        return ["Left.hello"] + super().hello()
class Right(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Right")
    def hello(self):
        return ["Right.hello"] + super().hello()
class Child(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Child")
    def hello(self):
        return ["Child.hello"] + super().hello()
c = Child()
print(c.log)
print(c.hello())
print(super(Left, c).hello())
print(super(Child, c).hello())
class WithClassmethod(Base):
    @classmethod
    def make(cls):
        return cls.__name__
class Sub(WithClassmethod):
    @classmethod
    def make(cls):
        return "Sub->" + super().make()
print(Sub.make())
