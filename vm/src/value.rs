//! The one-word `Value`: a NaN-boxed 64-bit word.
//!
//! Every non-NaN `f64` bit pattern is a float.  The negative quiet-NaN space
//! (top 13 bits set) carries tagged immediates in its top 16 bits:
//!
//! | top 16 bits | meaning                                   |
//! |-------------|-------------------------------------------|
//! | `0xFFF9`    | small int, 48-bit two's complement payload |
//! | `0xFFFA`    | pointer to a heap [`Obj`](crate::object::Obj) |
//! | `0xFFFB`    | bool (payload 0 or 1)                      |
//! | `0xFFFC`    | singletons: None, NotImplemented, Ellipsis, the unbound-local marker |
//!
//! Floats that are NaN become positive quiet NaNs so that no float can alias
//! a tag.  Each NaN made gets a fresh payload from a counter: in CPython every
//! `float('nan')` is a separate object, and `x in [x]`, `list.count` and
//! dict lookups look at identity before equality, which only NaN can tell
//! apart.  The payload is that identity.  The JIT and the wasm tier rely on exactly this
//! layout (a type check is one shift and compare), so it is defined only here.

use crate::object::Obj;

#[derive(Copy, Clone, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(pub u64);

pub const TAG_SHIFT: u32 = 48;
pub const TAG_INT: u64 = 0xFFF9;
pub const TAG_PTR: u64 = 0xFFFA;
pub const TAG_BOOL: u64 = 0xFFFB;
pub const TAG_SPECIAL: u64 = 0xFFFC;
const PAYLOAD_MASK: u64 = (1u64 << TAG_SHIFT) - 1;
/// The positive quiet NaN; a NaN's identity goes in the bits below it.
pub const QUIET_NAN_BITS: u64 = 0x7FF8_0000_0000_0000;
pub const NAN_PAYLOAD_MASK: u64 = (1u64 << 51) - 1;
/// Source of NaN identities (shared with the JIT, which bumps it inline).
pub static NAN_IDENTITY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Smallest and largest ints that fit in an immediate.
pub const SMALL_INT_MIN: i64 = -(1i64 << 47);
pub const SMALL_INT_MAX: i64 = (1i64 << 47) - 1;

impl Value {
    pub const NONE: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 0);
    pub const NOT_IMPLEMENTED: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 1);
    pub const ELLIPSIS: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 2);
    /// Marks a local variable that has no value yet; never visible to Python code.
    pub const UNBOUND: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 3);
    pub const TRUE: Value = Value((TAG_BOOL << TAG_SHIFT) | 1);
    pub const FALSE: Value = Value(TAG_BOOL << TAG_SHIFT);

    #[inline(always)]
    pub fn tag(self) -> u64 {
        self.0 >> TAG_SHIFT
    }

    #[inline(always)]
    pub fn float(f: f64) -> Value {
        if f.is_nan() {
            Value::fresh_nan()
        } else {
            Value(f.to_bits())
        }
    }

    /// A NaN with an identity no other NaN made before it has.
    #[cold]
    pub fn fresh_nan() -> Value {
        use std::sync::atomic::Ordering;
        let id = NAN_IDENTITY.fetch_add(1, Ordering::Relaxed);
        Value(QUIET_NAN_BITS | (id & NAN_PAYLOAD_MASK))
    }

    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.0 < (0xFFF9u64 << TAG_SHIFT)
    }

    #[inline(always)]
    pub fn as_float(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// An immediate int; `None` when `i` is outside the 48-bit range.
    #[inline(always)]
    pub fn small_int(i: i64) -> Option<Value> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            Some(Value((TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK)))
        } else {
            None
        }
    }

    /// An immediate int the caller knows to be in range.
    #[inline(always)]
    pub fn small_int_unchecked(i: i64) -> Value {
        debug_assert!((SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i));
        Value((TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK))
    }

    #[inline(always)]
    pub fn is_small_int(self) -> bool {
        self.tag() == TAG_INT
    }

    #[inline(always)]
    pub fn as_small_int(self) -> i64 {
        ((self.0 << 16) as i64) >> 16
    }

    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self.tag() == TAG_BOOL
    }

    #[inline(always)]
    pub fn is_none(self) -> bool {
        self == Value::NONE
    }

    #[inline(always)]
    pub fn is_unbound(self) -> bool {
        self == Value::UNBOUND
    }

    #[inline(always)]
    pub fn is_ptr(self) -> bool {
        self.tag() == TAG_PTR
    }

    #[inline(always)]
    pub fn from_obj(p: *const Obj) -> Value {
        Value((TAG_PTR << TAG_SHIFT) | (p as u64 & PAYLOAD_MASK))
    }

    #[inline(always)]
    pub fn obj_ptr(self) -> *mut Obj {
        (self.0 & PAYLOAD_MASK) as *mut Obj
    }

    /// The heap object behind a pointer value.
    ///
    /// Safe to call on any pointer `Value` that is reachable (rooted) — the GC
    /// never frees reachable objects and never moves objects.
    #[inline(always)]
    pub fn obj(self) -> Option<&'static Obj> {
        if self.is_ptr() {
            Some(unsafe { &*self.obj_ptr() })
        } else {
            None
        }
    }

    /// Like [`Value::obj`] for a value known to be a pointer.
    #[inline(always)]
    pub fn as_obj(self) -> &'static Obj {
        debug_assert!(self.is_ptr());
        unsafe { &*self.obj_ptr() }
    }

    #[inline(always)]
    pub fn is(self, other: Value) -> bool {
        self.0 == other.0
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_float() {
            write!(f, "Float({})", self.as_float())
        } else if self.is_small_int() {
            write!(f, "Int({})", self.as_small_int())
        } else if self.is_bool() {
            write!(f, "Bool({})", self.0 & 1 == 1)
        } else if self.is_ptr() {
            write!(f, "Ptr({:#x})", self.0 & PAYLOAD_MASK)
        } else {
            write!(f, "Special({})", self.0 & PAYLOAD_MASK)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn floats_round_trip(f in any::<f64>()) {
            let v = Value::float(f);
            prop_assert!(v.is_float());
            if f.is_nan() {
                prop_assert!(v.as_float().is_nan());
                prop_assert!(Value::float(f) != v, "each NaN is a new identity");
            } else {
                prop_assert_eq!(v.as_float().to_bits(), f.to_bits());
            }
            prop_assert!(!v.is_small_int() && !v.is_ptr() && !v.is_bool());
        }

        #[test]
        fn small_ints_round_trip(i in SMALL_INT_MIN..=SMALL_INT_MAX) {
            let v = Value::small_int(i).unwrap();
            prop_assert!(v.is_small_int());
            prop_assert!(!v.is_float());
            prop_assert_eq!(v.as_small_int(), i);
        }

        #[test]
        fn out_of_range_ints_are_rejected(i in any::<i64>()) {
            let fits = (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i);
            prop_assert_eq!(Value::small_int(i).is_some(), fits);
        }

        #[test]
        fn pointers_round_trip(addr in (1u64..(1u64 << 47)).prop_map(|a| a & !7)) {
            let v = Value::from_obj(addr as *const Obj);
            prop_assert!(v.is_ptr());
            prop_assert!(!v.is_float());
            prop_assert_eq!(v.obj_ptr() as u64, addr);
        }
    }

    #[test]
    fn singletons_are_distinct() {
        let all = [
            Value::NONE,
            Value::NOT_IMPLEMENTED,
            Value::ELLIPSIS,
            Value::UNBOUND,
            Value::TRUE,
            Value::FALSE,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(!a.is_float() && !a.is_small_int() && !a.is_ptr());
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(Value::float(f64::NAN).is_float());
        assert!(Value::float(-f64::NAN).is_float());
    }
}
