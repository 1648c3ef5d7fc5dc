# Class decorators receive and return the class.
registry = {}
def register(cls):
    registry[cls.__name__.lower()] = cls
    return cls
def add_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls
def with_tag(tag):
    def deco(cls):
        cls.tag = tag
        return cls
    return deco
@register
@add_repr
@with_tag("shape")
class Square:
    def __init__(self, side):
        self.side = side
@register
class Circle:
    pass
print(sorted(registry), registry["square"] is Square)
print(Square(3), Square.tag)
def singleton(cls):
    instances = {}
    def get(*args):
        if cls not in instances:
            instances[cls] = cls(*args)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v):
        self.v = v
print(Config(1).v, Config(2).v, Config(1) is Config(3))
