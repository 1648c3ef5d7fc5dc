//! Interned names the core looks up often (dunder methods and attributes),
//! created once so lookups compare by identity.

use crate::value::Value;
use crate::vm::Vm;

macro_rules! names {
    ($($n:ident),* $(,)?) => {
        #[allow(non_snake_case)]
        pub struct Names { $(pub $n: Value,)* }
        impl Names {
            pub fn empty() -> Names { Names { $($n: Value::NONE,)* } }
            pub fn new(vm: &mut Vm) -> Names { Names { $($n: vm.intern(stringify!($n)),)* } }
            pub fn for_each(&self, mut f: impl FnMut(Value)) { $(f(self.$n);)* }
        }
    };
}

names! {
    __init__, __new__, __call__, __repr__, __str__, __hash__, __eq__, __ne__, __lt__, __le__,
    __gt__, __ge__, __bool__, __len__, __iter__, __next__, __getitem__, __setitem__,
    __delitem__, __contains__, __getattr__, __getattribute__, __setattr__, __delattr__,
    __get__, __set__, __delete__, __enter__, __exit__, __name__, __qualname__, __module__,
    __dict__, __class__, __doc__, __slots__, __index__, __int__, __float__, __complex__,
    __neg__, __pos__, __abs__, __invert__, __format__, __missing__, __reversed__,
    __init_subclass__, __set_name__, __class_getitem__, __instancecheck__, __subclasscheck__,
    __mro__, __bases__, __base__, __round__, __trunc__, __floor__, __ceil__, __bytes__,
    __main__, __builtins__, __file__, __all__, __path__, __package__, __spec__, __loader__,
    __traceback__, __cause__, __context__, __suppress_context__, __annotations__,
    __prepare__, __build_class__, __import__, __iadd__, __fspath__, __length_hint__,
    __mro_entries__, __objclass__, __self__, __func__, __wrapped__, __weakref__, __del__,
    __classcell__,
    args, value, code, msg, filename, lineno, offset, text, errno, strerror, name, obj, path,
    send, throw, close, keys, items, values, append, join, format, fileno, write, flush, read,
    readline, __origin__, mro,
}
