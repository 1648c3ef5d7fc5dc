# Multiple inheritance and the C3 method resolution order.
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B"
class C(A):
    def who(self):
        return "C"
class D(B, C):
    pass
class E(C, B):
    pass
for cls in [A, B, C, D, E]:
    print(cls.__name__, [k.__name__ for k in cls.__mro__], cls().who())
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Z, Y): pass
print([k.__name__ for k in W.mro()])
class O: pass
class F(O): pass
class G(O): pass
class H(O): pass
class K1(F, G): pass
class K2(G, H): pass
class M(K1, K2): pass
print([k.__name__ for k in M.__mro__])
