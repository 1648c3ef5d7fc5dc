# The __class__ cell is filled by type.__new__, before __set_name__ and
# __init_subclass__ run, so super() works inside them.
class D:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name, owner.hello())
class A:
    pass
class B(A):
    d = D()
    @classmethod
    def hello(cls):
        return super().__repr__.__name__ + " " + __class__.__name__
    def __init_subclass__(cls, **kw):
        print("init_subclass", super().__init_subclass__ is not None)
print('__classcell__' in B.__dict__)
class C(B): pass
