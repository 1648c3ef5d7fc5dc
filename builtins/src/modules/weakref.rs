//! `_weakref`: the `ref` type over the collector's weak references
//! (vm/src/weakref.rs), the counting functions, and `proxy`, whose
//! forwarding of every operation is written in Python below.

use super::set;
use molt_vm::class::{isinstance, type_name};
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::weakref::{weak_data, weak_referent};
use molt_vm::{Args, PyResult, Value, Vm};

pub fn weakref_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_weakref");
    let r = vm.make_native_class(
        "weakref",
        "ReferenceType",
        &[],
        molt_vm::object::Layout::Other,
        true,
    );
    vm.add_native(r, "__new__", ref_new);
    vm.add_native(r, "__init__", ref_init);
    vm.add_native(r, "__call__", ref_call);
    vm.add_native(r, "__hash__", ref_hash);
    vm.add_native(r, "__eq__", ref_eq);
    vm.add_native(r, "__ne__", ref_ne);
    super::native::classmethod(vm, r, "__class_getitem__", super::native::class_getitem);
    let getter = vm.new_native("__callback__", ref_callback, r);
    let prop = vm.alloc(
        vm.t.property,
        Kind::Property {
            fget: getter,
            fset: Value::NONE,
            fdel: Value::NONE,
            doc: Value::NONE,
        },
    );
    vm.set_attr_str(r, "__callback__", prop);
    set(vm, m, "ref", r);
    set(vm, m, "ReferenceType", r);
    vm.add_native(m, "getweakrefcount", getweakrefcount);
    vm.add_native(m, "getweakrefs", getweakrefs);
    vm.add_native(m, "_remove_dead_weakref", remove_dead_weakref);
    let code = (vm.hooks.compile)(vm, PROXY_SOURCE, "<_weakref>", "exec")?;
    let d = super::module_dict(m);
    let k = vm.names.__builtins__;
    let b = vm.builtins;
    vm.dict_set_str(d, k, b);
    (vm.hooks.exec)(vm, code, d, d)?;
    Ok(m)
}

/// `ref(ob, callback=None)`; a plain ref without callback is shared.
fn ref_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.pos[0];
    let a = crate::args::parse(
        vm,
        "ref",
        &Args::new(&args.pos[1..]),
        &["ob", "callback"],
        1,
    )?;
    let ob = a[0].unwrap();
    let callback = a[1].unwrap_or(Value::NONE);
    if !vm.can_weakref(ob) {
        let msg = format!(
            "cannot create weak reference to '{}' object",
            type_name(vm, ob)
        );
        return Err(vm.type_error(msg));
    }
    if callback.is_none() {
        let existing = vm.weakrefs_to(ob).into_iter().find(|r| {
            r.as_obj().class().is(cls) && weak_data(*r).is_some_and(|d| d.callback.is_none())
        });
        if let Some(r) = existing {
            return Ok(r);
        }
    }
    Ok(vm.new_weakref(cls, ob, callback))
}

fn ref_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn ref_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "weakref", &Args::new(&args.pos[1..]), 0, 0)?;
    Ok(weak_referent(args.pos[0]))
}

fn ref_callback(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(weak_data(args.pos[0]).map_or(Value::NONE, |d| d.callback))
}

/// The hash of the referent, remembered so it survives the referent.
fn ref_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = args.pos[0];
    let Some(d) = weak_data(r) else {
        return Err(vm.type_error("descriptor '__hash__' requires a 'weakref' object"));
    };
    if let Some(h) = d.hash {
        return Ok(vm.new_int(h));
    }
    let referent = d.referent;
    if referent.is_none() {
        return Err(vm.type_error("weak object has gone away"));
    }
    let h = ops::hash(vm, referent)?;
    if let Some(d) = weak_data(r) {
        d.hash = Some(h);
    }
    Ok(vm.new_int(h))
}

/// Two live refs compare as their referents; otherwise by identity.
fn ref_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = (args.pos[0], args.pos[1]);
    if weak_data(b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (ra, rb) = (weak_referent(a), weak_referent(b));
    if ra.is_none() || rb.is_none() {
        return Ok(Value::bool(a.is(b)));
    }
    ops::compare(vm, molt_vm::bytecode::CmpOp::Eq, ra, rb)
}

fn ref_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = ref_eq(vm, args)?;
    if r.is(Value::NOT_IMPLEMENTED) {
        return Ok(r);
    }
    Ok(Value::bool(!ops::truthy(vm, r)?))
}

fn getweakrefcount(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getweakrefcount", &Args::new(&args.pos), 1, 1)?;
    let n = vm.weakrefs_to(args.pos[0]).len();
    Ok(vm.new_int(n as i64))
}

fn getweakrefs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getweakrefs", &Args::new(&args.pos), 1, 1)?;
    let refs = vm.weakrefs_to(args.pos[0]);
    Ok(vm.new_list(refs))
}

/// `_remove_dead_weakref(dict, key)`: delete `dict[key]` if it is a dead ref.
fn remove_dead_weakref(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "_remove_dead_weakref", &Args::new(&args.pos), 2, 2)?;
    let (d, key) = (args.pos[0], args.pos[1]);
    if !isinstance(vm, d, vm.t.dict) {
        return Err(vm.type_error("_remove_dead_weakref() argument 1 must be dict"));
    }
    if let Some(v) = ops::dict_get(vm, d, key)? {
        if weak_data(v).is_some() && weak_referent(v).is_none() {
            ops::dict_del(vm, d, key)?;
        }
    }
    Ok(Value::NONE)
}

/// `weakref.proxy`: forwards every operation to the referent, and raises
/// ReferenceError once it has died.
const PROXY_SOURCE: &str = r#"
def _proxy_target(p):
    o = object.__getattribute__(p, '_proxy_ref')()
    if o is None:
        raise ReferenceError('weakly-referenced object no longer exists')
    return o

class ProxyType:
    __slots__ = ('_proxy_ref', '__weakref__')
    def __init__(self, ob, callback=None):
        object.__setattr__(self, '_proxy_ref', ref(ob, None if callback is None else (lambda r, p=self: callback(p))))
    def __getattribute__(self, name):
        return getattr(_proxy_target(self), name)
    def __setattr__(self, name, value):
        setattr(_proxy_target(self), name, value)
    def __delattr__(self, name):
        delattr(_proxy_target(self), name)
    def __repr__(self):
        o = object.__getattribute__(self, '_proxy_ref')()
        if o is None:
            return '<weakproxy at %#x; dead>' % id(self)
        return '<weakproxy at %#x; to %r at %#x>' % (id(self), type(o).__name__, id(o))
    def __str__(self): return str(_proxy_target(self))
    def __bool__(self): return bool(_proxy_target(self))
    def __len__(self): return len(_proxy_target(self))
    def __iter__(self): return iter(_proxy_target(self))
    def __next__(self): return next(_proxy_target(self))
    def __contains__(self, x): return x in _proxy_target(self)
    def __getitem__(self, k): return _proxy_target(self)[k]
    def __setitem__(self, k, v): _proxy_target(self)[k] = v
    def __delitem__(self, k): del _proxy_target(self)[k]
    def __eq__(self, o): return _proxy_target(self) == o
    def __ne__(self, o): return _proxy_target(self) != o
    def __lt__(self, o): return _proxy_target(self) < o
    def __le__(self, o): return _proxy_target(self) <= o
    def __gt__(self, o): return _proxy_target(self) > o
    def __ge__(self, o): return _proxy_target(self) >= o
    def __add__(self, o): return _proxy_target(self) + o
    def __sub__(self, o): return _proxy_target(self) - o
    def __mul__(self, o): return _proxy_target(self) * o
    def __truediv__(self, o): return _proxy_target(self) / o
    def __neg__(self): return -_proxy_target(self)
    __hash__ = None

ProxyType.__module__ = 'weakref'

class CallableProxyType(ProxyType):
    __slots__ = ()
    def __call__(self, *args, **kwargs):
        return _proxy_target(self)(*args, **kwargs)

CallableProxyType.__module__ = 'weakref'

def proxy(ob, callback=None):
    if callable(ob):
        return CallableProxyType(ob, callback)
    return ProxyType(ob, callback)
"#;
