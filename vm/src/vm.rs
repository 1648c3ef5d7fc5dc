//! The `Vm`: one interpreter's heap, builtin types, interned strings, frame
//! stack and the hooks through which the object model calls back into the
//! interpreter (running Python functions, compiling, importing).

use crate::bytecode::CodeObject;
use crate::dict::{Dict, DictTable};
use crate::frame::Frame;
use crate::heap::Heap;
use crate::object::*;
use crate::set::SetData;
use crate::shape::AttrStore;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::Cell;
use std::collections::HashMap;

/// A raised Python exception (an instance of a BaseException subclass).
#[derive(Copy, Clone, Debug)]
pub struct PyErr(pub Value);

pub type PyResult<T> = Result<T, PyErr>;

/// Arguments of a call: positional values, then keyword names (interned strs) and values.
#[derive(Copy, Clone)]
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kwnames: &'a [Value],
    pub kwvalues: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(pos: &'a [Value]) -> Args<'a> {
        Args {
            pos,
            kwnames: &[],
            kwvalues: &[],
        }
    }
    #[inline]
    pub fn has_kw(&self) -> bool {
        !self.kwnames.is_empty()
    }
    pub fn kw(&self, name: &str) -> Option<Value> {
        self.kwnames
            .iter()
            .position(|k| crate::ops::str_eq(*k, name))
            .map(|i| self.kwvalues[i])
    }
}

/// What a generator resumption produced.
pub enum Resumed {
    Yielded(Value),
    Returned(Value),
}

/// Entry points the interpreter crate installs so that the object model can run Python code.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// Call a Python function object.
    pub call_function: fn(&mut Vm, Value, Args) -> PyResult<Value>,
    /// Resume a generator with a sent value, or throw an exception into it.
    pub resume: fn(&mut Vm, Value, Value, Option<Value>) -> PyResult<Resumed>,
    /// Run a function's code with `locals` as its locals mapping (class bodies).
    pub run_with_locals: fn(&mut Vm, Value, Value) -> PyResult<Value>,
    /// compile(source, filename, mode) -> code object.
    pub compile: fn(&mut Vm, &str, &str, &str) -> PyResult<Value>,
    /// Execute a code object in the given globals/locals.
    pub exec: fn(&mut Vm, Value, Value, Value) -> PyResult<Value>,
    /// `__import__(name, globals, fromlist, level)`.
    pub import: fn(&mut Vm, Value, Value, Value, i64) -> PyResult<Value>,
    /// Report an exception that cannot propagate: "Exception ignored
    /// {context}: <obj>" and its traceback (context "in" for a weakref
    /// callback, "in atexit callback", ...).
    pub report_unraisable: fn(&mut Vm, Value, &str, Value),
    /// Print an exception with its traceback to stderr, as an uncaught one
    /// is (`sys.excepthook`'s default).
    pub print_exception: fn(&mut Vm, Value),
}

macro_rules! builtin_types {
    ($($field:ident : $name:literal = $layout:ident),* $(,)?) => {
        /// Every builtin class the core needs to name.
        pub struct Types { $(pub $field: Value,)* }
        impl Types {
            fn create(vm: &mut Vm) {
                $(
                    if stringify!($field) != "object" && stringify!($field) != "type_" {
                        let c = vm.make_builtin_class($name, &[], Layout::$layout);
                        vm.t.$field = c;
                    }
                )*
            }
            pub fn for_each(&self, mut f: impl FnMut(Value)) { $(f(self.$field);)* }
            fn empty() -> Types { Types { $($field: Value::NONE,)* } }
        }
    };
}

builtin_types! {
    object: "object" = Object,
    type_: "type" = Type,
    int: "int" = Int,
    bool_: "bool" = Bool,
    float: "float" = Float,
    complex: "complex" = Complex,
    str_: "str" = Str,
    bytes: "bytes" = Bytes,
    bytearray: "bytearray" = ByteArray,
    list: "list" = List,
    tuple: "tuple" = Tuple,
    dict: "dict" = Dict,
    set: "set" = Set,
    frozenset: "frozenset" = FrozenSet,
    range: "range" = Other,
    slice: "slice" = Other,
    function: "function" = Other,
    builtin_function: "builtin_function_or_method" = Other,
    method_descriptor: "method_descriptor" = Other,
    method: "method" = Other,
    module: "module" = Other,
    cell: "cell" = Other,
    code: "code" = Other,
    generator: "generator" = Other,
    coroutine: "coroutine" = Other,
    async_generator: "async_generator" = Other,
    async_generator_wrapped_value: "async_generator_wrapped_value" = Other,
    coroutine_wrapper: "coroutine_wrapper" = Other,
    async_generator_asend: "async_generator_asend" = Other,
    async_generator_athrow: "async_generator_athrow" = Other,
    none_type: "NoneType" = Other,
    not_implemented_type: "NotImplementedType" = Other,
    ellipsis_type: "ellipsis" = Other,
    property: "property" = Other,
    classmethod: "classmethod" = Other,
    staticmethod: "staticmethod" = Other,
    super_: "super" = Other,
    list_iterator: "list_iterator" = Other,
    list_reverseiterator: "list_reverseiterator" = Other,
    tuple_iterator: "tuple_iterator" = Other,
    str_iterator: "str_ascii_iterator" = Other,
    bytes_iterator: "bytes_iterator" = Other,
    range_iterator: "range_iterator" = Other,
    longrange_iterator: "longrange_iterator" = Other,
    dict_keyiterator: "dict_keyiterator" = Other,
    dict_valueiterator: "dict_valueiterator" = Other,
    dict_itemiterator: "dict_itemiterator" = Other,
    set_iterator: "set_iterator" = Other,
    reversed: "reversed" = Other,
    enumerate: "enumerate" = Other,
    zip: "zip" = Other,
    map: "map" = Other,
    filter: "filter" = Other,
    callable_iterator: "callable_iterator" = Other,
    seq_iterator: "iterator" = Other,
    dict_keys: "dict_keys" = Other,
    dict_values: "dict_values" = Other,
    dict_items: "dict_items" = Other,
    traceback: "traceback" = Other,
    frame: "frame" = Other,
    getset_descriptor: "getset_descriptor" = Other,
}

pub struct Vm {
    pub heap: Heap,
    pub t: Types,
    pub exc: crate::exceptions::ExcTypes,
    interned: HashMap<Box<str>, Value>,
    /// The `builtins` module's dict, and `sys.modules`.
    pub builtins: Value,
    pub modules: Value,
    /// Frames being executed, innermost last (GC roots, tracebacks).
    pub frames: Vec<*mut Frame>,
    /// Values native code holds across safepoints; see `heap.rs`.
    pub pinned: Vec<Value>,
    /// Exceptions being handled (`sys.exc_info()`), innermost last.
    pub handling: Vec<Value>,
    /// Other values that must stay alive (sys module, main module, …).
    pub roots: Vec<Value>,
    /// Values exported to code outside the heap (see `handles.rs`): every
    /// live handle's value is a root.  Shared with the threads that hold
    /// handles.
    pub handles: std::sync::Arc<crate::handles::HandleTable>,
    pub hooks: Hooks,
    /// `types.UnionType` (what `int | str` makes), installed by the builtins.
    pub union_type: Value,
    /// The current `contextvars.Context` (NONE until first needed).  One
    /// per thread in CPython; whoever switches contexts (`Context.run`,
    /// later asyncio's tasks) swaps this value.
    pub context: Value,
    /// Classes of native modules that their code must find again, by name
    /// (rooted by `make_native_class`).
    pub native_classes: std::collections::HashMap<&'static str, Value>,
    pub depth: usize,
    pub recursion_limit: usize,
    /// Lowest usable stack address; deeper recursion raises RecursionError.
    pub stack_floor: usize,
    /// Bumped when any class attribute changes (invalidates method caches).
    pub class_epoch: Cell<u64>,
    /// Common interned names.
    pub names: crate::names::Names,
    /// Results of MRO lookups (see `class::cached_lookup`).
    pub type_cache: Box<[std::cell::Cell<crate::class::TypeCacheEntry>]>,
    /// Finished frames kept for reuse by the next call.
    pub frame_pool: Vec<Box<Frame>>,
    /// The interned one-character ASCII strs (indexing and iterating strs yields them).
    ascii_chars: Vec<Value>,
    /// Interned dunder names of each binary operator: forward, reflected, in-place.
    binop_names: Vec<[Value; 3]>,
    /// Interned dunder names of the rich comparisons, indexed by `CmpOp`.
    cmp_names: Vec<Value>,
}

fn missing_hook<T>() -> PyResult<T> {
    panic!("interpreter hooks not installed")
}

impl Vm {
    pub fn new() -> Box<Vm> {
        let mut vm = Box::new(Vm {
            heap: Heap::new(),
            t: Types::empty(),
            exc: crate::exceptions::ExcTypes::empty(),
            interned: HashMap::new(),
            builtins: Value::NONE,
            modules: Value::NONE,
            frames: Vec::new(),
            pinned: Vec::new(),
            handling: Vec::new(),
            roots: Vec::new(),
            handles: std::sync::Arc::new(crate::handles::HandleTable::new()),
            union_type: Value::NONE,
            context: Value::NONE,
            native_classes: std::collections::HashMap::new(),
            hooks: Hooks {
                call_function: |_, _, _| missing_hook(),
                resume: |_, _, _, _| missing_hook(),
                run_with_locals: |_, _, _| missing_hook(),
                compile: |_, _, _, _| missing_hook(),
                exec: |_, _, _, _| missing_hook(),
                import: |_, _, _, _, _| missing_hook(),
                report_unraisable: |_, _, _, _| {},
                print_exception: |_, _| {},
            },
            depth: 0,
            recursion_limit: 1000,
            stack_floor: 0,
            class_epoch: Cell::new(0),
            names: crate::names::Names::empty(),
            type_cache: crate::class::new_type_cache(),
            frame_pool: Vec::new(),
            ascii_chars: vec![Value::NONE; 128],
            binop_names: Vec::new(),
            cmp_names: Vec::new(),
        });
        vm.bootstrap_types();
        let chars: Vec<Value> = (0u8..128)
            .map(|b| vm.intern(std::str::from_utf8(&[b]).unwrap()))
            .collect();
        vm.ascii_chars = chars;
        use crate::bytecode::{BinOp, CmpOp};
        let ops = [
            BinOp::Add,
            BinOp::Sub,
            BinOp::Mul,
            BinOp::MatMul,
            BinOp::TrueDiv,
            BinOp::FloorDiv,
            BinOp::Mod,
            BinOp::Pow,
            BinOp::LShift,
            BinOp::RShift,
            BinOp::And,
            BinOp::Or,
            BinOp::Xor,
        ];
        vm.binop_names = ops
            .iter()
            .map(|op| {
                [
                    vm.intern(op.dunder()),
                    vm.intern(op.rdunder()),
                    vm.intern(op.idunder()),
                ]
            })
            .collect();
        let cmps = [
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Gt,
            CmpOp::Ge,
        ];
        vm.cmp_names = cmps.iter().map(|op| vm.intern(op.dunder())).collect();
        vm.names = crate::names::Names::new(&mut vm);
        crate::exceptions::create(&mut vm);
        vm.modules = vm.new_dict();
        vm.builtins = vm.new_dict();
        vm.pinned.clear();
        vm
    }

    fn bootstrap_types(&mut self) {
        // `object` and `type` refer to each other; build both, then patch.
        let obj_dict = self.new_dict_raw();
        let object = self.alloc_raw(
            Value::NONE,
            Kind::Class(Box::new(ClassData {
                name: Cell::new(Value::NONE),
                qualname: Cell::new(Value::NONE),
                bases: GcCell::new(vec![]),
                mro: GcCell::new(vec![]),
                dict: obj_dict,
                layout: Layout::Object,
                builtin: true,
                slots: GcCell::new(None),
                subclasses: GcCell::new(Vec::new()),
                native_module: false,
            })),
        );
        self.t.object = object;
        if let Kind::Class(c) = &object.as_obj().kind {
            c.mro.get().push(object);
        }
        let type_dict = self.new_dict_raw();
        let type_ = self.alloc_raw(
            Value::NONE,
            Kind::Class(Box::new(ClassData {
                name: Cell::new(Value::NONE),
                qualname: Cell::new(Value::NONE),
                bases: GcCell::new(vec![object]),
                mro: GcCell::new(vec![]),
                dict: type_dict,
                layout: Layout::Type,
                builtin: true,
                slots: GcCell::new(None),
                subclasses: GcCell::new(Vec::new()),
                native_module: false,
            })),
        );
        self.t.type_ = type_;
        if let Kind::Class(c) = &type_.as_obj().kind {
            c.mro.get().extend([type_, object]);
        }
        object.as_obj().cls.set(type_);
        type_.as_obj().cls.set(type_);
        // The dicts allocated before `dict` existed get their class below.
        let n = self.new_str("object");
        class_data(object).name.set(n);
        class_data(object).qualname.set(n);
        let n = self.new_str("type");
        class_data(type_).name.set(n);
        class_data(type_).qualname.set(n);
        Types::create(self);
        let dict_cls = self.t.dict;
        self.t
            .for_each(|c| class_data(c).dict.as_obj().cls.set(dict_cls));
        // Strings interned before `str` existed.
        for v in self.interned.values() {
            v.as_obj().cls.set(self.t.str_);
        }
        class_data(object).name.get().as_obj().cls.set(self.t.str_);
        class_data(type_).name.get().as_obj().cls.set(self.t.str_);
        // bool subclasses int.
        let b = class_data(self.t.bool_);
        b.bases.get()[0] = self.t.int;
        *b.mro.get() = vec![self.t.bool_, self.t.int, object];
    }

    /// A builtin class deriving from `bases` (or object).
    pub fn make_builtin_class(&mut self, name: &str, bases: &[Value], layout: Layout) -> Value {
        self.make_class_raw(name, bases, layout, true)
    }

    /// RecursionError when the native stack is nearly used up: the guard of
    /// protocols that recurse in Rust on nested data (repr, comparison,
    /// hashing of containers inside containers), as Python calls are
    /// guarded by the interpreter's depth check.
    #[inline]
    pub fn check_native_stack(&mut self, what: &str) -> PyResult<()> {
        let marker = 0u8;
        let here = &marker as *const u8 as usize;
        if self.stack_floor != 0 && here < self.stack_floor {
            let c = self.exc.RecursionError;
            return Err(self.err(c, format!("maximum recursion depth exceeded {}", what)));
        }
        Ok(())
    }

    /// A class defined by a native module (`_weakref.ref`, `collections.deque`):
    /// its instances carry Rust state ([`Kind::NativeObject`] and the like), and
    /// no Kind-based fast path knows them, so its special methods dispatch the
    /// way a Python class's do.  Its name is CPython's `tp_name`
    /// (`collections.deque`, what messages show); `__name__` is the last part.
    /// Without `instance_attrs` its instances refuse new attributes, as a C
    /// type without `__dict__` does.  Rooted for the life of the VM.
    pub fn make_native_class(
        &mut self,
        module: &str,
        name: &str,
        bases: &[Value],
        layout: Layout,
        instance_attrs: bool,
    ) -> Value {
        // CPython's builtins have bare names (`memoryview`).
        let tp_name = if module == "builtins" {
            name.to_string()
        } else {
            format!("{}.{}", module, name)
        };
        let cls = self.make_class_raw(&tp_name, bases, layout, false);
        self.roots.push(cls);
        let cd = class_data(cls);
        cd.qualname.set(self.intern(name));
        if !instance_attrs {
            *cd.slots.get() = Some(vec![]);
        }
        let m = self.intern(module);
        let k = self.intern("__module__");
        self.dict_set_str(cd.dict, k, m);
        let k = self.intern("__doc__");
        self.dict_set_str(cd.dict, k, Value::NONE);
        cls
    }

    fn make_class_raw(
        &mut self,
        name: &str,
        bases: &[Value],
        layout: Layout,
        builtin: bool,
    ) -> Value {
        let bases: Vec<Value> = if bases.is_empty() {
            vec![self.t.object]
        } else {
            bases.to_vec()
        };
        let dict = self.new_dict_raw();
        let name_v = self.intern(name);
        let cls = self.alloc_raw(
            self.t.type_,
            Kind::Class(Box::new(ClassData {
                name: Cell::new(name_v),
                qualname: Cell::new(name_v),
                bases: GcCell::new(bases.clone()),
                mro: GcCell::new(vec![]),
                dict,
                layout,
                builtin,
                slots: GcCell::new(None),
                subclasses: GcCell::new(Vec::new()),
                // Builtin (core) classes are not; classes of native modules are.
                native_module: !builtin,
            })),
        );
        let mro = crate::class::compute_mro(self, cls, &bases)
            .unwrap_or_else(|_| vec![cls, self.t.object]);
        *class_data(cls).mro.get() = mro;
        dict.as_obj().cls.set(self.t.dict);
        cls
    }

    // ----- allocation -----

    /// Allocate without pinning (bootstrap only).
    fn alloc_raw(&mut self, cls: Value, kind: Kind) -> Value {
        self.heap.allocate(cls, kind)
    }

    /// Allocate a heap object. The new value is pinned until the running
    /// interpreter activation reaches its next safepoint.
    #[inline]
    pub fn alloc(&mut self, cls: Value, kind: Kind) -> Value {
        let v = self.heap.allocate(cls, kind);
        self.pinned.push(v);
        v
    }

    fn new_dict_raw(&mut self) -> Value {
        let cls = self.t.dict;
        self.alloc_raw(cls, Kind::Dict(Box::new(GcCell::new(Dict::new()))))
    }

    pub fn intern(&mut self, s: &str) -> Value {
        if s.len() == 1 && !self.ascii_chars[0].is_none() {
            return self.ascii_chars[s.as_bytes()[0] as usize];
        }
        if let Some(v) = self.interned.get(s) {
            return *v;
        }
        let v = self.alloc_raw(self.t.str_, Kind::Str(StrData::new(s.into())));
        if let Kind::Str(sd) = &v.as_obj().kind {
            sd.set_interned();
        }
        self.interned.insert(s.into(), v);
        v
    }

    /// The interned equivalent of a str value (names used as attribute keys).
    pub fn intern_value(&mut self, v: Value) -> Value {
        let s = crate::ops::str_of(v).expect("intern_value on non-str");
        if let Some(i) = self.interned.get(s) {
            return *i;
        }
        if v.as_obj().cls.get().is(self.t.str_) {
            if let Kind::Str(sd) = &v.as_obj().kind {
                sd.set_interned();
            }
            self.interned.insert(s.into(), v);
            self.roots.push(v);
            v
        } else {
            let s = s.to_owned();
            self.intern(&s)
        }
    }

    pub fn is_interned(&self, v: Value) -> bool {
        match v.obj().map(|o| &o.kind) {
            Some(Kind::Str(s)) => s.is_interned(),
            _ => false,
        }
    }

    pub fn new_str(&mut self, s: &str) -> Value {
        if s.len() <= 1 {
            return self.intern(s);
        }
        let cls = self.t.str_;
        self.alloc(cls, Kind::Str(StrData::new(s.into())))
    }

    pub fn new_string(&mut self, s: String) -> Value {
        if s.len() <= 1 {
            return self.intern(&s);
        }
        let cls = self.t.str_;
        self.alloc(cls, Kind::Str(StrData::new(s.into_boxed_str())))
    }

    /// A str from generalized UTF-8 text (see `crate::text`), which may
    /// hold lone surrogates.
    pub fn new_text(&mut self, b: Vec<u8>) -> Value {
        match String::from_utf8(b) {
            Ok(s) => self.new_string(s),
            Err(e) => {
                let cls = self.t.str_;
                let data = StrData::from_text_bytes(e.into_bytes().into_boxed_slice());
                self.alloc(cls, Kind::Str(data))
            }
        }
    }

    /// The one-character str of code point `cp` (surrogates included).
    pub fn char_str(&mut self, cp: u32) -> Value {
        match char::from_u32(cp) {
            Some(c) => {
                let mut buf = [0u8; 4];
                self.intern(c.encode_utf8(&mut buf))
            }
            None => self.new_text(crate::text::from_code_points([cp])),
        }
    }

    pub fn new_int(&mut self, i: i64) -> Value {
        match Value::small_int(i) {
            Some(v) => v,
            None => {
                let cls = self.t.int;
                self.alloc(cls, Kind::Int(BigInt::from(i)))
            }
        }
    }

    /// An int from a BigInt, immediate when it fits.
    pub fn new_bigint(&mut self, b: BigInt) -> Value {
        if let Some(i) = b.to_i64() {
            if let Some(v) = Value::small_int(i) {
                return v;
            }
        }
        let cls = self.t.int;
        self.alloc(cls, Kind::Int(b))
    }

    pub fn new_complex(&mut self, re: f64, im: f64) -> Value {
        let cls = self.t.complex;
        self.alloc(cls, Kind::Complex(re, im))
    }

    pub fn new_bytes(&mut self, b: Vec<u8>) -> Value {
        let cls = self.t.bytes;
        self.alloc(cls, Kind::Bytes(b.into_boxed_slice()))
    }

    pub fn new_bytearray(&mut self, b: Vec<u8>) -> Value {
        let cls = self.t.bytearray;
        self.alloc(cls, Kind::ByteArray(GcCell::new(b)))
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        let cls = self.t.list;
        self.alloc(cls, Kind::List(GcCell::new(items)))
    }

    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        let cls = self.t.tuple;
        self.alloc(cls, Kind::Tuple(items.into_boxed_slice()))
    }

    pub fn new_dict(&mut self) -> Value {
        let cls = self.t.dict;
        self.alloc(cls, Kind::Dict(Box::new(GcCell::new(Dict::new()))))
    }

    pub fn new_set(&mut self) -> Value {
        let cls = self.t.set;
        self.alloc(cls, Kind::Set(Box::new(GcCell::new(SetData::new()))))
    }

    pub fn new_frozenset(&mut self) -> Value {
        let cls = self.t.frozenset;
        self.alloc(cls, Kind::FrozenSet(Box::new(GcCell::new(SetData::new()))))
    }

    /// An object of a class defined by a native module, carrying `state`.
    pub fn new_native_object(
        &mut self,
        cls: Value,
        state: impl crate::object::NativeState,
    ) -> Value {
        self.alloc(cls, Kind::NativeObject(GcCell::new(Box::new(state))))
    }

    pub fn new_instance(&mut self, cls: Value) -> Value {
        self.alloc(cls, Kind::Instance(GcCell::new(AttrStore::new())))
    }

    pub fn new_native(&mut self, name: &'static str, func: NativeFn, owner: Value) -> Value {
        let cls = if owner.is_none() {
            self.t.builtin_function
        } else {
            self.t.method_descriptor
        };
        self.alloc(
            cls,
            Kind::Native(NativeFunction {
                name,
                func,
                bound_self: Value::NONE,
                owner,
            }),
        )
    }

    pub fn new_iterator(&mut self, cls: Value, state: IterState) -> Value {
        self.alloc(cls, Kind::Iterator(GcCell::new(state)))
    }

    pub fn new_code(&mut self, code: CodeObject) -> Value {
        let cls = self.t.code;
        self.alloc(cls, Kind::Code(Box::new(code)))
    }

    pub fn new_module(&mut self, name: &str) -> Value {
        let dict = self.new_dict();
        let name_v = self.new_str(name);
        let cls = self.t.module;
        let m = self.alloc(cls, Kind::Module(ModuleData { name: name_v, dict }));
        let k = self.names.__name__;
        self.dict_set_str(dict, k, name_v);
        let k = self.intern("__doc__");
        self.dict_set_str(dict, k, Value::NONE);
        m
    }

    // ----- dicts keyed by interned strs (globals, class dicts, modules) -----

    /// Set `dict[key] = value` where `key` is a str (interned strs hit the fast path).
    pub fn dict_set_str(&mut self, dict: Value, key: Value, value: Value) {
        let h = crate::ops::str_hash(key);
        if let Kind::Dict(d) = &dict.as_obj().kind {
            let mut eq = |a: Value, b: Value| Ok(crate::ops::str_values_eq(a, b));
            let _ = DictTable::insert(d, h, key, value, &mut eq);
        }
    }

    pub fn dict_get_str(&self, dict: Value, key: Value) -> Option<Value> {
        let h = crate::ops::str_hash(key);
        if let Kind::Dict(d) = &dict.as_obj().kind {
            if let Some(v) = d.get().get_by_identity(h, key) {
                return Some(v);
            }
            let mut eq = |a: Value, b: Value| Ok(crate::ops::str_values_eq(a, b));
            return DictTable::get(d, h, key, &mut eq).ok().flatten();
        }
        None
    }

    pub fn set_attr_str(&mut self, obj: Value, name: &str, value: Value) {
        let k = self.intern(name);
        let dict = match &obj.as_obj().kind {
            Kind::Module(m) => m.dict,
            Kind::Class(c) => c.dict,
            _ => return,
        };
        self.dict_set_str(dict, k, value);
        self.class_epoch.set(self.class_epoch.get() + 1);
    }

    /// Register a native function in a module or class namespace.
    pub fn add_native(&mut self, target: Value, name: &'static str, func: NativeFn) {
        let owner = if matches!(target.as_obj().kind, Kind::Class(_)) {
            target
        } else {
            Value::NONE
        };
        let f = self.new_native(name, func, owner);
        self.set_attr_str(target, name, f);
    }

    /// `__add__`, `__radd__`, `__iadd__` (which = 0, 1, 2) for a binary operator.
    #[inline]
    pub fn binop_name(&self, op: crate::bytecode::BinOp, which: usize) -> Value {
        self.binop_names[op as usize][which]
    }

    /// `__lt__` … `__ge__` for a rich comparison.
    #[inline]
    pub fn cmp_name(&self, op: crate::bytecode::CmpOp) -> Value {
        self.cmp_names[op as usize]
    }

    pub(crate) fn interned_for_each(&self, f: &mut impl FnMut(Value)) {
        self.interned.values().for_each(|v| f(*v));
        self.ascii_chars.iter().for_each(|v| f(*v));
    }

    // ----- the current exception context -----

    pub fn current_handled(&self) -> Value {
        self.handling.last().copied().unwrap_or(Value::NONE)
    }
}

/// The class payload of a class value (caller guarantees it is a class).
#[inline]
pub fn class_data(cls: Value) -> &'static ClassData {
    match &cls.as_obj().kind {
        Kind::Class(c) => c,
        _ => unreachable!("not a class"),
    }
}
