"""`types.UnionType`: what `X | Y` between types makes (PEP 604)."""


def _type_repr(t):
    if t is type(None):
        return "None"
    if isinstance(t, type):
        if t.__module__ == "builtins":
            return t.__qualname__
        return f"{t.__module__}.{t.__qualname__}"
    return repr(t)


class UnionType:
    """Represent a PEP 604 union type, e.g. int | str."""

    __slots__ = ("__args__",)

    def __new__(cls, left, right):
        args = []
        for side in (left, right):
            for t in side.__args__ if isinstance(side, UnionType) else (side,):
                if t is None:
                    t = type(None)
                if t not in args:
                    args.append(t)
        if len(args) == 1:
            return args[0]
        self = object.__new__(cls)
        object.__setattr__(self, "__args__", tuple(args))
        return self

    def __init__(self, left, right):
        pass

    def __setattr__(self, name, value):
        raise AttributeError(f"readonly attribute")

    def __repr__(self):
        return " | ".join(_type_repr(t) for t in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return UnionType(self, other)

    def __ror__(self, other):
        return UnionType(other, self)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__args__)

    @property
    def __parameters__(self):
        return ()


UnionType.__module__ = "types"
