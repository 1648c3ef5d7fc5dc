//! `_contextvars`: `ContextVar`, `Token`, `Context` and `copy_context`, as
//! CPython 3.11's C module (`contextvars.py` re-exports them).
//!
//! The current context is `Vm::context`, made empty on first use.
//! `Context.run` swaps it for the duration of the call, so anything that
//! runs code in another context (asyncio's tasks) does the same.  A
//! context's mapping is a small vector of (variable, value) pairs, copied
//! by `copy()`/`copy_context()`; `ContextVar.set` replaces the current
//! context's pairs, which no other context shares.

use super::native::{class, class_getitem, methods, new_class, no_args, one_arg, positional, this};
use super::set;
use molt_vm::object::{native_state, Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

struct Context {
    vars: Vec<(Value, Value)>,
    /// The context `run` replaced, while entered.
    prev: Value,
    entered: bool,
}

impl NativeState for Context {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for (k, v) in &self.vars {
            f(*k);
            f(*v);
        }
        f(self.prev);
    }
}

impl Context {
    fn get(&self, var: Value) -> Option<Value> {
        self.vars.iter().find(|(k, _)| k.is(var)).map(|(_, v)| *v)
    }
    fn set(&mut self, var: Value, value: Value) {
        match self.vars.iter_mut().find(|(k, _)| k.is(var)) {
            Some(slot) => slot.1 = value,
            None => self.vars.push((var, value)),
        }
    }
    fn remove(&mut self, var: Value) {
        self.vars.retain(|(k, _)| !k.is(var));
    }
}

struct ContextVar {
    name: Value,
    default: Option<Value>,
}

impl NativeState for ContextVar {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.name);
        if let Some(d) = self.default {
            f(d);
        }
    }
}

struct Token {
    ctx: Value,
    var: Value,
    /// The variable's value before `set`, None if it had none.
    old: Option<Value>,
    used: bool,
}

impl NativeState for Token {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.ctx);
        f(self.var);
        if let Some(o) = self.old {
            f(o);
        }
    }
}

/// `Token.MISSING`'s one instance.
struct Missing;
impl NativeState for Missing {}

const CTX: &str = "_contextvars.Context";
const VAR: &str = "_contextvars.ContextVar";
const TOK: &str = "_contextvars.Token";

fn new_context(vm: &mut Vm, vars: Vec<(Value, Value)>) -> Value {
    let cls = class(vm, "Context");
    vm.new_native_object(
        cls,
        Context {
            vars,
            prev: Value::NONE,
            entered: false,
        },
    )
}

/// The current context, made (empty) on first use.
pub fn current(vm: &mut Vm) -> Value {
    if native_state::<Context>(vm.context).is_none() {
        vm.context = new_context(vm, Vec::new());
    }
    vm.context
}

fn ctx_state(v: Value) -> &'static mut Context {
    native_state::<Context>(v).expect("context state")
}

fn missing(vm: &Vm) -> Value {
    class(vm, "Token.MISSING instance")
}

fn address(v: Value) -> String {
    format!("{:#x}", v.obj_ptr() as usize)
}

// ----- Context -----

fn context_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    super::native::new_args(vm, &args, "Context")?;
    if args.pos.len() > 1 || args.has_kw() {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    Ok(new_context(vm, Vec::new()))
}

/// The ContextVar argument of a mapping method, checked.
fn var_key(vm: &mut Vm, key: Value) -> PyResult<Value> {
    if native_state::<ContextVar>(key).is_none() {
        let r = ops::repr_string(vm, key)?;
        return Err(vm.type_error(format!("a ContextVar key was expected, got {}", r)));
    }
    Ok(key)
}

fn context_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "__getitem__")?;
    let key = one_arg(vm, &args, "Context.__getitem__")?;
    var_key(vm, key)?;
    match st.get(key) {
        Some(v) => Ok(v),
        None => Err(vm.key_error(key)),
    }
}

fn context_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "get")?;
    let a = positional(vm, "get", &args.pos[1..], &args, 1, 2)?;
    var_key(vm, a[0])?;
    Ok(st
        .get(a[0])
        .unwrap_or(a.get(1).copied().unwrap_or(Value::NONE)))
}

fn context_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "__contains__")?;
    let key = one_arg(vm, &args, "Context.__contains__")?;
    var_key(vm, key)?;
    Ok(Value::bool(st.get(key).is_some()))
}

fn context_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "__len__")?;
    Ok(vm.new_int(st.vars.len() as i64))
}

fn context_keys_list(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, args, CTX, meth)?;
    let keys: Vec<Value> = st.vars.iter().map(|(k, _)| *k).collect();
    Ok(vm.new_list(keys))
}

fn context_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = context_keys_list(vm, &args, "__iter__")?;
    ops::get_iter(vm, l)
}

fn context_keys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "Context.keys")?;
    context_keys_list(vm, &args, "keys")
}

fn context_values(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "values")?;
    no_args(vm, &args, "Context.values")?;
    let vals: Vec<Value> = st.vars.iter().map(|(_, v)| *v).collect();
    Ok(vm.new_list(vals))
}

fn context_items(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "items")?;
    no_args(vm, &args, "Context.items")?;
    let pairs = st.vars.clone();
    let items: Vec<Value> = pairs
        .into_iter()
        .map(|(k, v)| vm.new_tuple(vec![k, v]))
        .collect();
    Ok(vm.new_list(items))
}

fn context_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "copy")?;
    no_args(vm, &args, "Context.copy")?;
    let vars = st.vars.clone();
    Ok(new_context(vm, vars))
}

fn context_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Context>(vm, &args, CTX, "__eq__")?;
    let other = one_arg(vm, &args, "Context.__eq__")?;
    let Some(o) = native_state::<Context>(other) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if st.vars.len() != o.vars.len() {
        return Ok(Value::FALSE);
    }
    let (mine, theirs) = (st.vars.clone(), o.vars.clone());
    for (k, v) in mine {
        let Some(w) = theirs.iter().find(|(k2, _)| k2.is(k)).map(|(_, w)| *w) else {
            return Ok(Value::FALSE);
        };
        if !(v.is(w) || ops::eq(vm, v, w)?) {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn context_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = context_eq(vm, args)?;
    Ok(if r.is(Value::NOT_IMPLEMENTED) {
        r
    } else {
        Value::bool(!r.is(Value::TRUE))
    })
}

/// `ctx.run(callable, *args, **kwargs)`: call with `ctx` as the current
/// context, restoring the previous one afterwards.
fn context_run(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Context>(vm, &args, CTX, "run")?;
    if args.pos.len() < 2 {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    }
    if st.entered {
        let r = ops::repr_string(vm, me)?;
        return Err(vm.runtime_error(format!("cannot enter context: {} is already entered", r)));
    }
    let prev = current(vm);
    let st = ctx_state(me);
    st.prev = prev;
    st.entered = true;
    vm.context = me;
    let call = Args {
        pos: &args.pos[2..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let r = ops::call(vm, args.pos[1], call);
    let st = ctx_state(me);
    vm.context = st.prev;
    st.prev = Value::NONE;
    st.entered = false;
    r
}

fn copy_context(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "copy_context", args.pos, &args, 0, 0)?;
    let cur = current(vm);
    let vars = ctx_state(cur).vars.clone();
    Ok(new_context(vm, vars))
}

// ----- ContextVar -----

fn var_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = super::native::new_args(vm, &args, "ContextVar")?;
    if rest.is_empty() && args.kw("name").is_none() {
        return Err(vm.type_error("ContextVar() takes exactly 1 positional argument (0 given)"));
    }
    let a = super::native::keywords(vm, "ContextVar", rest, &args, &["name", "default"], 1, 1)?;
    let name = a[0].unwrap_or(Value::NONE);
    if ops::str_of(name).is_none() {
        return Err(vm.type_error("context variable name must be a str"));
    }
    Ok(vm.new_native_object(
        cls,
        ContextVar {
            name,
            default: a[1],
        },
    ))
}

fn var_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<ContextVar>(vm, &args, VAR, "name")?;
    Ok(st.name)
}

/// Assigning `ContextVar.name` (a read-only member in CPython).
fn readonly_attribute(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error("readonly attribute"))
}

fn var_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<ContextVar>(vm, &args, VAR, "get")?;
    let default = st.default;
    let a = positional(vm, "get", &args.pos[1..], &args, 0, 1)?;
    let cur = current(vm);
    if let Some(v) = ctx_state(cur).get(me) {
        return Ok(v);
    }
    if let Some(d) = a.first().copied().or(default) {
        return Ok(d);
    }
    let c = vm.exc.LookupError;
    Err(molt_vm::PyErr(vm.new_exception(c, vec![me])))
}

fn var_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = this::<ContextVar>(vm, &args, VAR, "set")?;
    let value = one_arg(vm, &args, "ContextVar.set")?;
    let cur = current(vm);
    let st = ctx_state(cur);
    let old = st.get(me);
    st.set(me, value);
    let cls = class(vm, "Token");
    Ok(vm.new_native_object(
        cls,
        Token {
            ctx: cur,
            var: me,
            old,
            used: false,
        },
    ))
}

fn var_reset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = this::<ContextVar>(vm, &args, VAR, "reset")?;
    let tok = one_arg(vm, &args, "ContextVar.reset")?;
    let Some(t) = native_state::<Token>(tok) else {
        let r = ops::repr_string(vm, tok)?;
        return Err(vm.type_error(format!("expected an instance of Token, got {}", r)));
    };
    let (used, var, ctx, old) = (t.used, t.var, t.ctx, t.old);
    if used {
        let r = ops::repr_string(vm, tok)?;
        return Err(vm.runtime_error(format!("{} has already been used once", r)));
    }
    if !var.is(me) {
        let r = ops::repr_string(vm, tok)?;
        return Err(vm.value_error(format!("{} was created by a different ContextVar", r)));
    }
    let cur = current(vm);
    if !ctx.is(cur) {
        let r = ops::repr_string(vm, tok)?;
        return Err(vm.value_error(format!("{} was created in a different Context", r)));
    }
    if let Some(t) = native_state::<Token>(tok) {
        t.used = true;
    }
    let st = ctx_state(cur);
    match old {
        Some(v) => st.set(me, v),
        None => st.remove(me),
    }
    Ok(Value::NONE)
}

fn var_repr_string(vm: &mut Vm, me: Value) -> PyResult<String> {
    let Some(st) = native_state::<ContextVar>(me) else {
        return Ok(String::new());
    };
    let (name, default) = (st.name, st.default);
    let mut s = format!("<ContextVar name={}", ops::repr_string(vm, name)?);
    if let Some(d) = default {
        s.push_str(&format!(" default={}", ops::repr_string(vm, d)?));
    }
    s.push_str(&format!(" at {}>", address(me)));
    Ok(s)
}

fn var_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = this::<ContextVar>(vm, &args, VAR, "__repr__")?;
    let s = var_repr_string(vm, me)?;
    Ok(vm.new_string(s))
}

fn var_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = this::<ContextVar>(vm, &args, VAR, "__hash__")?;
    let h = (me.obj_ptr() as usize >> 4) as i64;
    Ok(vm.new_int(h))
}

// ----- Token -----

fn token_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.runtime_error("Tokens can only be created by ContextVars"))
}

fn token_var(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Token>(vm, &args, TOK, "var")?;
    Ok(st.var)
}

fn token_old_value(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Token>(vm, &args, TOK, "old_value")?;
    let old = st.old;
    Ok(old.unwrap_or_else(|| missing(vm)))
}

/// Assigning `Token.var` or `Token.old_value` (getters without setters).
fn token_not_writable(vm: &mut Vm, name: &str) -> PyResult<Value> {
    Err(vm.attribute_error(format!(
        "attribute '{}' of '_contextvars.Token' objects is not writable",
        name
    )))
}

fn token_var_set(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    token_not_writable(vm, "var")
}

fn token_old_value_set(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    token_not_writable(vm, "old_value")
}

fn token_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Token>(vm, &args, TOK, "__repr__")?;
    let (used, var) = (st.used, st.var);
    let v = var_repr_string(vm, var)?;
    let s = format!(
        "<Token{} var={} at {}>",
        if used { " used" } else { "" },
        v,
        address(me)
    );
    Ok(vm.new_string(s))
}

fn missing_repr(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.new_str("<Token.MISSING>"))
}

/// The classes of `_contextvars` cannot be subclassed.
fn no_subclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.pos.first().copied().unwrap_or(Value::NONE);
    // The refused base is the first class of the MRO after `cls`.
    let mro = molt_vm::vm::class_data(cls).mro.get().clone();
    let base = mro.get(1).copied().unwrap_or(cls);
    Err(vm.type_error(format!(
        "type '{}' is not an acceptable base type",
        molt_vm::class::class_name(base)
    )))
}

pub fn contextvars_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_contextvars");

    let ctx = new_class(vm, "_contextvars", "Context", &[], Layout::Object, false);
    let list: &[(&'static str, NativeFn)] = &[
        ("__new__", context_new),
        ("__getitem__", context_getitem),
        ("get", context_get),
        ("__contains__", context_contains),
        ("__len__", context_len),
        ("__iter__", context_iter),
        ("keys", context_keys),
        ("values", context_values),
        ("items", context_items),
        ("copy", context_copy),
        ("run", context_run),
        ("__eq__", context_eq),
        ("__ne__", context_ne),
    ];
    methods(vm, ctx, list);
    vm.set_attr_str(ctx, "__hash__", Value::NONE);
    super::native::classmethod(vm, ctx, "__init_subclass__", no_subclass);

    let var = new_class(vm, "_contextvars", "ContextVar", &[], Layout::Object, false);
    let list: &[(&'static str, NativeFn)] = &[
        ("__new__", var_new),
        ("get", var_get),
        ("set", var_set),
        ("reset", var_reset),
        ("__repr__", var_repr),
        ("__hash__", var_hash),
    ];
    methods(vm, var, list);
    let readonly = vm.new_native("name", readonly_attribute, Value::NONE);
    super::native::property(vm, var, "name", var_name, readonly);
    super::native::classmethod(vm, var, "__class_getitem__", class_getitem);
    super::native::classmethod(vm, var, "__init_subclass__", no_subclass);

    let tok = new_class(vm, "_contextvars", "Token", &[], Layout::Object, false);
    let list: &[(&'static str, NativeFn)] = &[("__new__", token_new), ("__repr__", token_repr)];
    methods(vm, tok, list);
    for (name, get, set) in [
        ("var", token_var as NativeFn, token_var_set as NativeFn),
        ("old_value", token_old_value, token_old_value_set),
    ] {
        let set = vm.new_native(name, set, Value::NONE);
        super::native::property(vm, tok, name, get, set);
    }
    super::native::classmethod(vm, tok, "__class_getitem__", class_getitem);
    super::native::classmethod(vm, tok, "__init_subclass__", no_subclass);

    // CPython's type is named `Token.MISSING` (module `Token`).
    let mcls = new_class(vm, "Token", "MISSING", &[], Layout::Object, false);
    let list: &[(&'static str, NativeFn)] = &[("__repr__", missing_repr)];
    methods(vm, mcls, list);
    let missing = vm.new_native_object(mcls, Missing);
    vm.roots.push(missing);
    vm.native_classes.insert("Token.MISSING instance", missing);
    vm.set_attr_str(tok, "MISSING", missing);

    set(vm, m, "Context", ctx);
    set(vm, m, "ContextVar", var);
    set(vm, m, "Token", tok);
    let f = vm.new_native("copy_context", copy_context, Value::NONE);
    set(vm, m, "copy_context", f);
    Ok(m)
}
