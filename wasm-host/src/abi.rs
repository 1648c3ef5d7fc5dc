//! The contract between compiled guests and the host: the value words a
//! guest holds and the `molt.*` imports it calls.
//!
//! A guest word is an `i64` laid out as `vm/src/value.rs`'s NaN-boxed
//! `Value` for every immediate (floats, small ints, bools, None,
//! NotImplemented, Ellipsis), so that small-int arithmetic and comparisons
//! run inline in wasm. A heap object is never given to the guest as a
//! pointer: its word has the pointer tag (`0xFFFA`) with a handle of the
//! VM's handle table in the 48-bit payload:
//!
//! | bits | field |
//! | --- | --- |
//! | 63..48 | `0xFFFA` |
//! | 47..32 | handle generation (1..=65535; the sandbox's table retires a slot after that) |
//! | 31..24 | handle shard |
//! | 23..0 | handle index |
//!
//! Two guest-only words never name a value: [`ERROR`] (an import raised: the
//! exception is pending in the host; it is `Value::UNBOUND`'s bit pattern,
//! which the VM never shows to Python code) and [`EXHAUSTED`] (`for_iter`
//! found the iterator finished). Anything else the host does not recognise
//! (other tags, bools other than 0/1, unknown singletons, handles that do
//! not resolve) raises `SystemError` in the guest.

use molt_vm::handles::Handle;
use molt_vm::value::{TAG_BOOL, TAG_INT, TAG_PTR, TAG_SHIFT, TAG_SPECIAL};
use molt_vm::Value;

pub const ERROR: u64 = Value::UNBOUND.0;
pub const EXHAUSTED: u64 = (TAG_SPECIAL << TAG_SHIFT) | 0xFFFF_FFFF;
pub const TRUE: u64 = Value::TRUE.0;
pub const FALSE: u64 = Value::FALSE.0;
/// The largest generation that fits in a guest word.
pub const MAX_GENERATION: u32 = 0xFFFF;

/// The guest word for a handle.
pub fn word_of_handle(h: Handle) -> Option<u64> {
    let g = h.generation();
    if g == 0 || g > MAX_GENERATION {
        return None;
    }
    Some((TAG_PTR << TAG_SHIFT) | (g as u64) << 32 | (h.to_bits() & 0xFFFF_FFFF))
}

/// What a guest word stands for.
pub enum Word {
    Immediate(Value),
    Handle(Handle),
    Invalid,
}

pub fn classify(w: u64) -> Word {
    let tag = w >> TAG_SHIFT;
    let payload = w & ((1u64 << TAG_SHIFT) - 1);
    if Value(w).is_float() || tag == TAG_INT {
        Word::Immediate(Value(w))
    } else if tag == TAG_BOOL {
        if payload <= 1 {
            Word::Immediate(Value(w))
        } else {
            Word::Invalid
        }
    } else if tag == TAG_SPECIAL {
        if payload <= 2 {
            Word::Immediate(Value(w))
        } else {
            Word::Invalid
        }
    } else if tag == TAG_PTR {
        let generation = payload >> 32;
        Word::Handle(Handle::from_bits(
            generation << 32 | (payload & 0xFFFF_FFFF),
        ))
    } else {
        Word::Invalid
    }
}

/// Value types of import signatures.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    I32,
    I64,
}

use Ty::{I32, I64};

macro_rules! imports {
    ($($variant:ident = $name:literal ($($p:expr),*) -> ($($r:expr),*);)*) => {
        /// Every host import, in the order the compiler declares them (the
        /// import's wasm function index is its position here).
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        #[repr(u32)]
        pub enum Import { $($variant,)* }
        pub const IMPORTS: &[(Import, &str, &[Ty], &[Ty])] = &[
            $((Import::$variant, $name, &[$($p),*], &[$($r),*]),)*
        ];
    };
}

imports! {
    // (const index) -> word
    LoadConst = "load_const" (I32) -> (I64);
    // (name const index) -> word
    LoadGlobal = "load_global" (I32) -> (I64);
    // (name, value) -> 0 | -1
    StoreGlobal = "store_global" (I32, I64) -> (I32);
    // (BinOp as u8, +32 for the in-place form, a, b) -> word
    BinaryOp = "binary_op" (I32, I64, I64) -> (I64);
    // (UnOp as u8, v) -> word
    UnaryOp = "unary_op" (I32, I64) -> (I64);
    // (CmpOp as u8, a, b) -> word
    Compare = "compare" (I32, I64, I64) -> (I64);
    // v -> 1 | 0 | -1
    Truthy = "truthy" (I64) -> (I32);
    GetIter = "get_iter" (I64) -> (I64);
    // iterator -> next item | EXHAUSTED | ERROR
    ForIter = "for_iter" (I64) -> (I64);
    // (kind: 0 tuple 1 list 2 set 3 dict 4 str, address, count) -> word
    Build = "build" (I32, I32, I32) -> (I64);
    // (obj, name) -> word
    GetAttr = "getattr" (I64, I32) -> (I64);
    // (obj, name, value) -> 0 | -1
    SetAttr = "setattr" (I64, I32, I64) -> (I32);
    GetItem = "getitem" (I64, I64) -> (I64);
    SetItem = "setitem" (I64, I64, I64) -> (I32);
    DelItem = "delitem" (I64, I64) -> (I32);
    // (obj, start, stop, step) -> word
    GetSlice = "get_slice" (I64, I64, I64, I64) -> (I64);
    // (address of callee and positional arguments, argument count) -> word
    Call = "call" (I32, I32) -> (I64);
    // as call, the last len(consts[kwnames]) arguments named by that tuple
    CallKw = "call_kw" (I32, I32, I32) -> (I64);
    // (name, address of receiver and arguments, argument count) -> word
    CallMethod = "call_method" (I32, I32, I32) -> (I64);
    // (callee, argument count) -> guest function index | -1 (not a guest function) | -2 (raised)
    GuestTarget = "guest_target" (I64, I32) -> (I32);
    // (code index) -> function word
    MakeFunction = "make_function" (I32) -> (I64);
    // (sequence, address, count) -> 0 | -1; the items are written at address
    Unpack = "unpack" (I64, I32, I32) -> (I32);
    // (exception or ERROR for a bare raise, cause or ERROR for none)
    Raise = "raise" (I64, I64) -> ();
    // (message or ERROR for none)
    RaiseAssert = "raise_assert" (I64) -> ();
    // (code index, local register)
    UnboundLocal = "unbound_local" (I32, I32) -> ();
    // () -> mark of the handle scope
    Enter = "enter" () -> (I32);
    // (mark, returned word) -> the returned word, handles made since mark released
    Leave = "leave" (I32, I64) -> (I64);
    // (code index, line): the pending exception left this frame at line
    Traceback = "traceback" (I32, I32) -> ();
    // (value, conversion 0/'s'/'r'/'a', spec or ERROR for none) -> str word
    FormatValue = "format_value" (I64, I32, I64) -> (I64);
    // (0 list.append 1 set.add 2 dict[k]=v, container, a, b) -> 0 | -1
    ContainerAdd = "container_add" (I32, I64, I64, I64) -> (I32);
}
