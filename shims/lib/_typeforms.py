"""The runtime type forms: `types.UnionType` (what `X | Y` between types
makes, PEP 604) and `types.GenericAlias` (`list[int]`, PEP 585)."""


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


class GenericAlias:
    """Represent a PEP 585 generic type, e.g. list[int]."""

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        object.__setattr__(self, "__origin__", origin)
        object.__setattr__(self, "__args__", args)
        params = []
        for a in args:
            for p in getattr(a, "__parameters__", ()) if not isinstance(a, type) else ():
                if p not in params:
                    params.append(p)
            if _is_typevar(a) and a not in params:
                params.append(a)
        object.__setattr__(self, "__parameters__", tuple(params))

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __repr__(self):
        if len(self.__args__) == 0:
            args = "()"
        else:
            args = ", ".join(_arg_repr(a) for a in self.__args__)
        return f"{_type_repr(self.__origin__)}[{args}]"

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __or__(self, other):
        return UnionType(self, other)

    def __ror__(self, other):
        return UnionType(other, self)

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    def __getitem__(self, items):
        if not self.__parameters__:
            raise TypeError(f"{self!r} is not a generic class")
        if not isinstance(items, tuple):
            items = (items,)
        subst = dict(zip(self.__parameters__, items))
        new = tuple(subst.get(a, a) for a in self.__args__)
        return GenericAlias(self.__origin__, new)

    def __reduce__(self):
        return GenericAlias, (self.__origin__, self.__args__)


def _is_typevar(a):
    return type(a).__name__ in ("TypeVar", "ParamSpec", "TypeVarTuple")


def _arg_repr(a):
    if a is Ellipsis:
        return "..."
    return _type_repr(a)


GenericAlias.__module__ = "types"
