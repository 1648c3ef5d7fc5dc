//! Heap objects: one header (GC mark, class, optional instance attributes)
//! followed by a kind-specific payload.
//!
//! Objects never move, so a `Value` pointer stays valid for as long as the
//! object is reachable.  Interior mutability goes through [`GcCell`]: the VM
//! is single-threaded per interpreter, and the rule that makes this sound is
//! that no Rust reference obtained from a `GcCell` is held across a call
//! that may run Python code (which could reach the same object).

use crate::bytecode::CodeObject;
use crate::dict::Dict;
use crate::frame::Frame;
use crate::set::SetData;
use crate::shape::AttrStore;
use crate::text;
use crate::value::Value;
use num_bigint::BigInt;
use std::cell::{Cell, UnsafeCell};

/// Interior mutability for heap payloads; see the module docs for the rule.
pub struct GcCell<T>(UnsafeCell<T>);

impl<T> GcCell<T> {
    pub fn new(v: T) -> Self {
        GcCell(UnsafeCell::new(v))
    }
    #[allow(clippy::mut_from_ref)]
    #[inline(always)]
    pub fn get(&self) -> &mut T {
        unsafe { &mut *self.0.get() }
    }
}

pub struct Obj {
    pub(crate) marked: Cell<bool>,
    pub cls: Cell<Value>,
    /// Attributes of instances of user classes that subclass a builtin
    /// (plain instances keep theirs inline in [`Kind::Instance`]).
    pub(crate) ext_attrs: GcCell<Option<Box<AttrStore>>>,
    pub kind: Kind,
}

pub type NativeFn = fn(&mut crate::Vm, crate::Args) -> crate::PyResult<Value>;

pub struct NativeFunction {
    pub name: &'static str,
    pub func: NativeFn,
    /// The receiver for a bound builtin method (`[].append`), else NONE.
    pub bound_self: Value,
    /// `str` for methods of str etc.; NONE for module-level functions.
    pub owner: Value,
}

pub struct FunctionData {
    /// `__code__` (assignable).
    pub code: Cell<Value>,
    pub globals: Value,
    pub name: Cell<Value>,
    pub qualname: Cell<Value>,
    pub defaults: Cell<Value>,
    pub kwdefaults: Cell<Value>,
    pub closure: Value,
    pub module: Value,
    pub doc: Cell<Value>,
    /// `__annotations__` (NONE until made or assigned).
    pub annotations: Cell<Value>,
}

pub struct ClassData {
    pub name: Cell<Value>,
    pub qualname: Cell<Value>,
    pub bases: GcCell<Vec<Value>>,
    pub mro: GcCell<Vec<Value>>,
    pub dict: Value,
    /// The builtin layout instances of this class get.
    pub layout: Layout,
    /// Set for classes defined in Rust: their attributes cannot be assigned.
    pub builtin: bool,
    /// `__slots__` without `__dict__`: instances refuse new attribute names.
    pub slots: GcCell<Option<Vec<Value>>>,
    /// Weak references to the classes that name this one as a base
    /// (`type.__subclasses__()`).
    pub subclasses: GcCell<Vec<Value>>,
    /// Made by a native module: `name` is CPython's `tp_name`
    /// (`collections.deque`) and `__name__` the part after the module.
    pub native_module: bool,
}

/// What `cls()` allocates: the builtin base that determines the payload.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Layout {
    Object,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    Other,
}

pub struct ModuleData {
    pub name: Value,
    pub dict: Value,
}

pub struct ExcData {
    pub args: Value,
    pub traceback: Vec<TracebackEntry>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// Made by the interpreter only to be re-raised (the new group a
    /// `try`/`except*` ends with): as with CPython's RERAISE, propagating
    /// it never sets its `__context__`, though its traceback starts empty.
    pub reraise_only: bool,
    /// `(message, exceptions tuple)` of a `BaseExceptionGroup`; None otherwise.
    pub group: Option<(Value, Value)>,
    /// The `traceback` object last built for `__traceback__` and how many
    /// entries it covers: `__traceback__` is the same object until the
    /// exception passes through another frame, whose new entry links to it.
    pub tb_object: (Value, usize),
}

#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Value,
    pub line: u32,
    /// The frame's globals (`tb_frame.f_globals`).
    pub globals: Value,
    /// The frame object (`tb_frame`), NONE if none was made.
    pub frame: Value,
    /// Index of the instruction that raised (`tb_lasti` is twice this).
    pub pc: u32,
}

pub struct GenData {
    pub frame: Option<Box<Frame>>,
    pub running: bool,
    pub name: Value,
    pub qualname: Value,
}

/// A str's text and what is cached about it.  Kept to 40 bytes, the
/// largest payload in [`Kind`], so that every object stays small.
///
/// The text is generalized UTF-8 (see [`crate::text`]): plain UTF-8 unless
/// the str holds lone surrogates, which a flag bit records.  `as_str` gives
/// the text as a Rust `&str` (for a str with surrogates, its lossy form,
/// which has the same byte offsets and length); operations that must keep
/// surrogates exact (equality, hashing, order, slicing, concatenation,
/// repr, encoding) use `bytes`.
pub struct StrData {
    bytes: Box<[u8]>,
    /// Number of code points (Python's len) in the low bits; the top bit
    /// marks the one interned copy of this text (names compare by identity),
    /// the next one a text holding surrogates.
    len_and_flags: Cell<usize>,
    pub hash: Cell<i64>,
    /// Built on demand and rarely: code point offsets for indexing, and the
    /// lossy text of a str with surrogates.
    extra: std::cell::OnceCell<Box<StrExtra>>,
}

#[derive(Default)]
struct StrExtra {
    /// For non-ASCII strings: the byte offset of every `OFFSET_STRIDE`-th
    /// code point, so `s[i]` is O(1), not O(n).
    offsets: std::cell::OnceCell<Box<[u32]>>,
    lossy: std::cell::OnceCell<Box<str>>,
}

const INTERNED_BIT: usize = 1 << (usize::BITS - 1);
const SURROGATES_BIT: usize = 1 << (usize::BITS - 2);
const FLAG_BITS: usize = INTERNED_BIT | SURROGATES_BIT;

const OFFSET_STRIDE: usize = 32;

impl StrData {
    pub fn new(s: Box<str>) -> StrData {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        StrData {
            bytes: s.into_boxed_bytes(),
            len_and_flags: Cell::new(char_len),
            hash: Cell::new(-1),
            extra: std::cell::OnceCell::new(),
        }
    }

    /// A str from generalized UTF-8 (the caller guarantees the encoding:
    /// it came from [`crate::text`] or from other strs' bytes).
    pub fn from_text_bytes(b: Box<[u8]>) -> StrData {
        if !text::has_surrogates(&b) {
            debug_assert!(std::str::from_utf8(&b).is_ok());
            // SAFETY: generalized UTF-8 without surrogates is UTF-8.
            return StrData::new(unsafe { std::str::from_boxed_utf8_unchecked(b) });
        }
        let char_len = b.iter().filter(|&&c| c & 0xc0 != 0x80).count();
        StrData {
            bytes: b,
            len_and_flags: Cell::new(char_len | SURROGATES_BIT),
            hash: Cell::new(-1),
            extra: std::cell::OnceCell::new(),
        }
    }

    /// The text as `&str`; lossy (U+FFFD for each surrogate) when the str
    /// holds surrogates.
    #[inline]
    pub fn as_str(&self) -> &str {
        if self.len_and_flags.get() & SURROGATES_BIT == 0 {
            // SAFETY: without the surrogate flag the bytes are UTF-8 (every
            // constructor checks).
            unsafe { std::str::from_utf8_unchecked(&self.bytes) }
        } else {
            self.extra()
                .lossy
                .get_or_init(|| text::lossy(&self.bytes).into_boxed_str())
        }
    }

    /// The exact text, generalized UTF-8.
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// True if the text holds lone surrogates (and so is not UTF-8).
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.len_and_flags.get() & SURROGATES_BIT != 0
    }

    /// The text's code points, surrogates included.
    pub fn code_points(&self) -> text::CodePoints<'_> {
        text::code_points(&self.bytes)
    }

    fn extra(&self) -> &StrExtra {
        self.extra.get_or_init(Default::default)
    }

    /// Number of code points (Python's len).
    #[inline(always)]
    pub fn char_len(&self) -> usize {
        self.len_and_flags.get() & !FLAG_BITS
    }

    /// True for the one interned copy of this text.
    #[inline]
    pub fn is_interned(&self) -> bool {
        self.len_and_flags.get() & INTERNED_BIT != 0
    }

    pub fn set_interned(&self) {
        self.len_and_flags
            .set(self.len_and_flags.get() | INTERNED_BIT);
    }

    /// Byte offset of code point `i` (`i <= char_len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            return i;
        }
        if i >= self.char_len() {
            return self.bytes.len();
        }
        let offsets = self.extra().offsets.get_or_init(|| {
            let mut v = Vec::new();
            let mut b = 0;
            let mut n = 0;
            while b < self.bytes.len() {
                if n % OFFSET_STRIDE == 0 {
                    v.push(b as u32);
                }
                b += text::seq_len(self.bytes[b]);
                n += 1;
            }
            v.into_boxed_slice()
        });
        let mut b = offsets[i / OFFSET_STRIDE] as usize;
        for _ in 0..i % OFFSET_STRIDE {
            b += text::seq_len(self.bytes[b]);
        }
        b
    }

    /// The code point at index `i` (`i < char_len`).
    pub fn code_point_at(&self, i: usize) -> u32 {
        text::decode_at(&self.bytes[self.byte_offset(i)..])
    }

    /// The code point at index `i` as a char (U+FFFD for a surrogate).
    pub fn char_at(&self, i: usize) -> char {
        char::from_u32(self.code_point_at(i)).unwrap_or('\u{fffd}')
    }

    /// The exact bytes of code points `start..end`.
    pub fn slice_bytes(&self, start: usize, end: usize) -> &[u8] {
        let (a, b) = (self.byte_offset(start), self.byte_offset(end.max(start)));
        &self.bytes[a..b]
    }

    /// The substring of code points `start..end` (lossy, as `as_str`).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (a, b) = (self.byte_offset(start), self.byte_offset(end.max(start)));
        &self.as_str()[a..b]
    }
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len() == self.bytes.len()
    }
}

/// Builtin iterators; each has its own class (`list_iterator`, …).
pub enum IterState {
    /// list, tuple, str (by code point index), bytes, bytearray
    Seq {
        seq: Value,
        index: usize,
    },
    /// Walking a str by byte offset (fast path for non-ASCII strings).
    StrBytes {
        s: Value,
        offset: usize,
    },
    /// The state of every object of class `range_iterator`, and only of
    /// those, for its whole life (exhausted when `next` passes `stop`): the
    /// JIT reads and advances it in place after checking the class alone.
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// A range beyond 64-bit ints (class `longrange_iterator`): the next
    /// value and the bounds as int values.
    LongRange {
        next: Value,
        stop: Value,
        step: Value,
    },
    /// Keys, values or items of a dict (`which` 0, 1, 2), checked against resizing.
    Dict {
        dict: Value,
        pos: usize,
        which: u8,
        len: usize,
    },
    Set {
        set: Value,
        pos: usize,
        len: usize,
    },
    Reversed {
        seq: Value,
        index: isize,
    },
    Enumerate {
        it: Value,
        count: Value,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        its: Vec<Value>,
    },
    Filter {
        func: Value,
        it: Value,
    },
    /// `iter(callable, sentinel)`
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// The `__getitem__` iteration protocol.
    GetItem {
        obj: Value,
        index: i64,
    },
    Exhausted,
}

pub enum Kind {
    Instance(GcCell<AttrStore>),
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
    Str(StrData),
    Bytes(Box<[u8]>),
    ByteArray(GcCell<Vec<u8>>),
    List(GcCell<Vec<Value>>),
    Tuple(Box<[Value]>),
    // The larger payloads are boxed so that `Kind` stays at 48 bytes.
    Dict(Box<GcCell<Dict>>),
    Set(Box<GcCell<SetData>>),
    FrozenSet(Box<GcCell<SetData>>),
    Range {
        start: Value,
        stop: Value,
        step: Value,
    },
    Slice {
        start: Value,
        stop: Value,
        step: Value,
    },
    Function(Box<FunctionData>),
    Native(NativeFunction),
    BoundMethod {
        func: Value,
        receiver: Value,
    },
    Class(Box<ClassData>),
    Module(ModuleData),
    Cell(Cell<Value>),
    Code(Box<CodeObject>),
    Generator(GcCell<GenData>),
    Iterator(GcCell<IterState>),
    Exception(Box<GcCell<ExcData>>),
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
    ClassMethod(Value),
    StaticMethod(Value),
    Super {
        this_class: Value,
        receiver: Value,
    },
    /// keys / values / items view of a dict
    DictView {
        dict: Value,
        which: u8,
    },
    /// An object of a class defined by a native module, with its Rust state.
    NativeObject(GcCell<Box<dyn NativeState>>),
    /// `weakref.ref`: the referent is not traced; the collector clears it
    /// (and queues the callback) when nothing else keeps the referent alive.
    WeakRef(GcCell<WeakRefData>),
}

/// Rust state of an object whose class a native module defines (a deque's
/// buffer, a compiled pattern, a lock).  Downcast with [`native_state`].
pub trait NativeState: std::any::Any {
    /// Call `f` on every Python value the state holds: the collector's view.
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
    /// The bytes the object exports through the buffer protocol
    /// (`array.array`), if it is a buffer exporter: `bytes(x)`,
    /// `memoryview(x)` and every "bytes-like object" argument read them.
    fn buffer(&self) -> Option<&[u8]> {
        None
    }
    /// The exported bytes, writable (through a memoryview).
    fn buffer_mut(&mut self) -> Option<&mut [u8]> {
        None
    }
    /// The `struct` format of the exported items (`B`: plain bytes).
    fn buffer_format(&self) -> char {
        'B'
    }
}

/// The bytes a native object exports, writable (see [`NativeState::buffer_mut`]).
pub fn native_buffer_mut(v: Value) -> Option<&'static mut [u8]> {
    match &v.obj()?.kind {
        Kind::NativeObject(b) => b.get().buffer_mut(),
        _ => None,
    }
}

/// The struct format of a native object's exported items.
pub fn native_buffer_format(v: Value) -> Option<char> {
    match &v.obj()?.kind {
        Kind::NativeObject(b) => {
            let state: &dyn NativeState = &**b.get();
            state.buffer().map(|_| state.buffer_format())
        }
        _ => None,
    }
}

/// The bytes a native object exports (see [`NativeState::buffer`]).
pub fn native_buffer(v: Value) -> Option<&'static [u8]> {
    match &v.obj()?.kind {
        Kind::NativeObject(b) => {
            let state: &dyn NativeState = &**b.get();
            state.buffer()
        }
        _ => None,
    }
}

/// The state of type `T` inside a [`Kind::NativeObject`], if `v` is one.
/// Like every `GcCell` borrow, the reference must not be held across a call
/// that may run Python code on the same object.
pub fn native_state<T: NativeState>(v: Value) -> Option<&'static mut T> {
    match &v.obj()?.kind {
        Kind::NativeObject(b) => {
            let state: &mut dyn NativeState = &mut **b.get();
            (state as &mut dyn std::any::Any).downcast_mut::<T>()
        }
        _ => None,
    }
}

pub struct WeakRefData {
    /// The referent, or NONE once it has been collected.
    pub referent: Value,
    pub callback: Value,
    /// `hash(referent)`, remembered so that a dead ref stays hashable.
    pub hash: Option<i64>,
}

impl Obj {
    #[inline]
    pub fn class(&self) -> Value {
        self.cls.get()
    }

    /// Instance attribute storage, if this object has any.
    pub fn attrs(&self) -> Option<&mut AttrStore> {
        match &self.kind {
            Kind::Instance(a) => Some(a.get()),
            _ => self.ext_attrs.get().as_deref_mut(),
        }
    }

    /// Instance attribute storage, created on first use for builtin-subclass instances.
    pub fn attrs_or_create(&self) -> &mut AttrStore {
        match &self.kind {
            Kind::Instance(a) => a.get(),
            _ => self
                .ext_attrs
                .get()
                .get_or_insert_with(|| Box::new(AttrStore::new())),
        }
    }
}

/// Byte offsets of the object fields that JIT-compiled code reads directly.
#[derive(Clone, Copy, Debug)]
pub struct JitLayout {
    /// `Obj::cls` (a `Value`).
    pub cls: i32,
    /// `next`, `stop` and `step` of a range iterator's [`IterState::Range`].
    pub range_next: i32,
    pub range_stop: i32,
    pub range_step: i32,
    /// The pointer to a dict object's boxed table (`Kind::Dict`'s box).
    pub dict_box: i32,
    /// `Dict::version` inside that box.
    pub dict_version: i32,
}

impl JitLayout {
    /// Measured on a probe object: Rust chooses enum layouts, so the offsets
    /// inside `Kind` are read off a real value rather than assumed.
    pub fn measure() -> JitLayout {
        let probe = Obj {
            marked: Cell::new(false),
            cls: Cell::new(Value::NONE),
            ext_attrs: GcCell::new(None),
            kind: Kind::Iterator(GcCell::new(IterState::Range {
                next: 0,
                stop: 0,
                step: 0,
            })),
        };
        let base = &probe as *const Obj as usize;
        let off = |p: *const i64| (p as usize - base) as i32;
        let cls = (&probe.cls as *const Cell<Value> as usize - base) as i32;
        let dict_probe = Obj {
            marked: Cell::new(false),
            cls: Cell::new(Value::NONE),
            ext_attrs: GcCell::new(None),
            kind: Kind::Dict(Box::new(GcCell::new(crate::dict::Dict::new()))),
        };
        // A dict's table is boxed: the JIT loads the box pointer at
        // `dict_box`, then the version at `dict_version` inside the box.
        let (dict_box, dict_version) = match &dict_probe.kind {
            Kind::Dict(d) => {
                let boxed: &GcCell<crate::dict::Dict> = d;
                let inner = boxed as *const _ as usize;
                (
                    (d as *const Box<_> as usize - &dict_probe as *const Obj as usize) as i32,
                    (&d.get().version as *const u64 as usize - inner) as i32,
                )
            }
            _ => unreachable!(),
        };
        match &probe.kind {
            Kind::Iterator(st) => match st.get() {
                IterState::Range { next, stop, step } => JitLayout {
                    cls,
                    range_next: off(next),
                    range_stop: off(stop),
                    range_step: off(step),
                    dict_box,
                    dict_version,
                },
                _ => unreachable!(),
            },
            _ => unreachable!(),
        }
    }
}

#[cfg(test)]
mod layout_tests {
    /// Every object costs `size_of::<Obj>()`; keep it from creeping up.
    #[test]
    fn objects_stay_small() {
        assert_eq!(std::mem::size_of::<super::Kind>(), 48);
        assert_eq!(std::mem::size_of::<super::Obj>(), 72);
    }
}
