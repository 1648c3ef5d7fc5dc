//! Runtime helpers that compiled traces call for operations too involved to
//! inline.  Each is an `extern "sysv64"` function on boxed values that runs
//! no Python code, raises nothing and never collects garbage: when it cannot
//! do the operation (index out of range, an exhausted iterator, an
//! unexpected kind) it returns [`FAIL`] and the trace exits to the
//! interpreter *before* any effect, which then re-executes the instruction
//! in full, error messages included.

use molt_vm::object::{IterState, Kind};
use molt_vm::Value;

/// "Could not": a word no Python-visible value ever has.
pub const FAIL: u64 = Value::UNBOUND.0;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Helper {
    /// `(iter) -> item | FAIL`: next item of a list or tuple iterator.
    SeqNext,
    /// `(seq, index) -> item | FAIL`: `seq[index]` for a list or tuple and a small-int index.
    GetItemInt,
    /// `(list, index, value) -> 0 | FAIL`: `list[index] = value`.
    SetItemInt,
    /// `(seq, n) -> 0 | FAIL`: a list or tuple of exactly `n` items.
    CheckLen,
    /// `(x, y) -> x ** y | FAIL` on float bits, for positive finite `x` and
    /// finite `y` with a finite result; the interpreter handles the rest
    /// (complex results, ZeroDivisionError, OverflowError, infinities, NaNs).
    FloatPow,
}

impl Helper {
    pub fn address(self) -> usize {
        match self {
            Helper::SeqNext => seq_next as extern "sysv64" fn(u64) -> u64 as usize,
            Helper::GetItemInt => get_item_int as extern "sysv64" fn(u64, i64) -> u64 as usize,
            Helper::SetItemInt => set_item_int as extern "sysv64" fn(u64, i64, u64) -> u64 as usize,
            Helper::CheckLen => check_len as extern "sysv64" fn(u64, i64) -> u64 as usize,
            Helper::FloatPow => float_pow as extern "sysv64" fn(u64, u64) -> u64 as usize,
        }
    }
}

fn items(seq: Value) -> Option<&'static [Value]> {
    if !seq.is_ptr() {
        return None;
    }
    match &seq.as_obj().kind {
        Kind::List(l) => Some(l.get().as_slice()),
        Kind::Tuple(t) => Some(t),
        _ => None,
    }
}

/// Python's index normalisation; `None` when out of range.
fn position(len: usize, index: i64) -> Option<usize> {
    let i = if index < 0 { index + len as i64 } else { index };
    (0 <= i && (i as usize) < len).then_some(i as usize)
}

extern "sysv64" fn seq_next(iter: u64) -> u64 {
    let it = Value(iter);
    if !it.is_ptr() {
        return FAIL;
    }
    let Kind::Iterator(st) = &it.as_obj().kind else {
        return FAIL;
    };
    let IterState::Seq { seq, index } = st.get() else {
        return FAIL;
    };
    match items(*seq).and_then(|v| v.get(*index)) {
        Some(v) => {
            *index += 1;
            v.0
        }
        None => FAIL,
    }
}

extern "sysv64" fn get_item_int(seq: u64, index: i64) -> u64 {
    match items(Value(seq)).and_then(|v| position(v.len(), index).map(|i| v[i])) {
        Some(v) => v.0,
        None => FAIL,
    }
}

extern "sysv64" fn set_item_int(list: u64, index: i64, value: u64) -> u64 {
    let l = Value(list);
    if !l.is_ptr() {
        return FAIL;
    }
    let Kind::List(items) = &l.as_obj().kind else {
        return FAIL;
    };
    let items = items.get();
    match position(items.len(), index) {
        Some(i) => {
            items[i] = Value(value);
            0
        }
        None => FAIL,
    }
}

extern "sysv64" fn check_len(seq: u64, n: i64) -> u64 {
    match items(Value(seq)) {
        Some(v) if v.len() as i64 == n => 0,
        _ => FAIL,
    }
}

extern "sysv64" fn float_pow(x: u64, y: u64) -> u64 {
    let (x, y) = (f64::from_bits(x), f64::from_bits(y));
    if !(x > 0.0 && x.is_finite() && y.is_finite()) {
        return FAIL;
    }
    // The C library's pow, as CPython's float_pow calls it.
    let r = x.powf(y);
    if r.is_finite() {
        Value::float(r).0
    } else {
        FAIL
    }
}
