//! `array`: typed arrays of numbers (and of `u` characters), as CPython
//! 3.11's C module, with its item sizes on x86_64 Linux.
//!
//! An array keeps its items as raw machine bytes (native, little-endian
//! order), so `tobytes`, `byteswap`, `buffer_info` and the buffer it
//! exports to `bytes()`/`memoryview()` are the bytes themselves; items are
//! converted to Python values when read.  Converting a value to an item
//! may run Python code (`__index__`, `__float__`), so every method converts
//! first and only then borrows the array's state again.

use super::native::{
    class, iter_self, methods, new_class, no_args, one_arg, pin, positional, short_name, ssize,
    this, tp_name,
};
use super::set;
use molt_vm::bytecode::CmpOp;
use molt_vm::class::{is_class, is_subclass, type_name, type_of};
use molt_vm::object::{native_state, Kind, Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use num_traits::ToPrimitive;

pub const TYPECODES: &str = "bBuhHiIlLqQfd";
const CLS: &str = "array.array";

pub struct Array {
    pub code: u8,
    pub data: Vec<u8>,
}

impl NativeState for Array {
    fn buffer(&self) -> Option<&[u8]> {
        Some(&self.data)
    }
    fn buffer_mut(&mut self) -> Option<&mut [u8]> {
        Some(&mut self.data)
    }
    fn buffer_format(&self) -> char {
        self.code as char
    }
}

fn itemsize(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' | b'u' => 4,
        _ => 8,
    }
}

impl Array {
    fn size(&self) -> usize {
        itemsize(self.code)
    }
    fn len(&self) -> usize {
        self.data.len() / self.size()
    }
    fn item(&self, i: usize) -> &[u8] {
        let s = self.size();
        &self.data[i * s..(i + 1) * s]
    }
}

/// The Python value of one item's bytes.
fn decode(vm: &mut Vm, code: u8, b: &[u8]) -> PyResult<Value> {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u = u64::from_le_bytes(w);
    Ok(match code {
        b'b' => Value::small_int_unchecked(u as u8 as i8 as i64),
        b'B' => Value::small_int_unchecked(u as u8 as i64),
        b'h' => Value::small_int_unchecked(u as u16 as i16 as i64),
        b'H' => Value::small_int_unchecked(u as u16 as i64),
        b'i' => Value::small_int_unchecked(u as u32 as i32 as i64),
        b'I' => Value::small_int_unchecked(u as u32 as i64),
        b'l' | b'q' => vm.new_int(u as i64),
        b'L' | b'Q' => vm.new_bigint(num_bigint::BigInt::from(u)),
        b'f' => Value::float(f32::from_bits(u as u32) as f64),
        b'd' => Value::float(f64::from_bits(u)),
        _ => {
            let c = char_of(vm, u as u32)?;
            let mut buf = [0u8; 4];
            vm.new_str(c.encode_utf8(&mut buf))
        }
    })
}

/// A `u` item as a character.
fn char_of(vm: &mut Vm, u: u32) -> PyResult<char> {
    match char::from_u32(u) {
        Some(c) => Ok(c),
        None if u > 0x10ffff => Err(vm.value_error("chr() arg not in range(0x110000)")),
        None => Err(vm.value_error(format!(
            "character U+{:04x} is a lone surrogate, which molt strings cannot hold",
            u
        ))),
    }
}

/// An integer argument as i128, saturated (every limit is far inside).
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i128> {
    let i = ops::convert::index_value(vm, v)?;
    Ok(match num_of(i) {
        Some(Num::Small(n)) => n as i128,
        Some(Num::Big(b)) => b
            .to_i128()
            .unwrap_or(if b.sign() == num_bigint::Sign::Minus {
                i128::MIN
            } else {
                i128::MAX
            }),
        _ => 0,
    })
}

fn range_check(vm: &mut Vm, n: i128, lo: i128, hi: i128, what: &str) -> PyResult<()> {
    if n < lo {
        Err(vm.overflow_error(format!("{} is less than minimum", what)))
    } else if n > hi {
        Err(vm.overflow_error(format!("{} is greater than maximum", what)))
    } else {
        Ok(())
    }
}

fn c_long(vm: &mut Vm, n: i128) -> PyResult<()> {
    if n < i64::MIN as i128 || n > i64::MAX as i128 {
        return Err(vm.overflow_error("Python int too large to convert to C long"));
    }
    Ok(())
}

/// The item bytes (little-endian, `itemsize(code)` of them) for `v`, with
/// CPython's conversions and errors for each typecode.
fn encode(vm: &mut Vm, code: u8, v: Value) -> PyResult<u64> {
    match code {
        b'f' | b'd' => {
            let f = ops::to_f64(vm, v)?;
            return Ok(if code == b'f' {
                (f as f32).to_bits() as u64
            } else {
                f.to_bits()
            });
        }
        b'u' => {
            if let Some(s) = ops::str_of(v) {
                let mut cs = s.chars();
                if let (Some(c), None) = (cs.next(), cs.next()) {
                    return Ok(c as u64);
                }
            }
            return Err(vm.type_error("array item must be unicode character"));
        }
        _ => {}
    }
    let n = int_arg(vm, v)?;
    match code {
        b'b' => {
            c_long(vm, n)?;
            range_check(vm, n, -32768, 32767, "signed short integer")?;
            range_check(vm, n, -128, 127, "signed char")?;
        }
        b'B' => {
            c_long(vm, n)?;
            range_check(vm, n, 0, 255, "unsigned byte integer")?;
        }
        b'h' => {
            c_long(vm, n)?;
            range_check(vm, n, -32768, 32767, "signed short integer")?;
        }
        b'H' => {
            c_long(vm, n)?;
            range_check(vm, n, i32::MIN as i128, i32::MAX as i128, "signed integer")?;
            range_check(vm, n, 0, 65535, "unsigned short")?;
        }
        b'i' => {
            c_long(vm, n)?;
            range_check(vm, n, i32::MIN as i128, i32::MAX as i128, "signed integer")?;
        }
        b'I' | b'L' => {
            if n < 0 {
                return Err(vm.overflow_error("can't convert negative value to unsigned int"));
            }
            if n > u64::MAX as i128 {
                return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
            }
            if code == b'I' && n > u32::MAX as i128 {
                return Err(vm.overflow_error("unsigned int is greater than maximum"));
            }
        }
        b'l' => c_long(vm, n)?,
        b'q' => {
            if n < i64::MIN as i128 || n > i64::MAX as i128 {
                return Err(vm.overflow_error("int too big to convert"));
            }
        }
        _ => {
            if n < 0 {
                return Err(vm.overflow_error("can't convert negative int to unsigned"));
            }
            if n > u64::MAX as i128 {
                return Err(vm.overflow_error("int too big to convert"));
            }
        }
    }
    Ok(n as u64)
}

fn push_item(st: &mut Array, w: u64) {
    let s = st.size();
    st.data.extend_from_slice(&w.to_le_bytes()[..s]);
}

fn arr(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut Array)> {
    this::<Array>(vm, args, CLS, meth)
}

/// The state of an array known to be one (re-borrowed after Python code ran).
fn state(v: Value) -> &'static mut Array {
    native_state::<Array>(v).expect("array state")
}

fn is_array(v: Value) -> bool {
    native_state::<Array>(v).is_some()
}

fn new_array(vm: &mut Vm, cls: Value, code: u8, data: Vec<u8>) -> Value {
    vm.new_native_object(cls, Array { code, data })
}

fn base_class(vm: &Vm) -> Value {
    class(vm, "array")
}

fn memory_error(vm: &mut Vm) -> PyErr {
    let c = vm.exc.MemoryError;
    PyErr(vm.new_exception(c, vec![]))
}

// ----- construction -----

fn typecode_arg(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let c = match ops::str_of(v) {
        Some(s) if s.chars().count() == 1 => s.chars().next().unwrap(),
        _ => {
            let msg = format!(
                "array() argument 1 must be a unicode character, not {}",
                type_name(vm, v)
            );
            return Err(vm.type_error(msg));
        }
    };
    if c.is_ascii() && TYPECODES.contains(c) {
        Ok(c as u8)
    } else {
        Err(vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"))
    }
}

/// `array(typecode[, initializer])` as an instance of `cls`.
fn make(vm: &mut Vm, cls: Value, code: u8, init: Option<Value>) -> PyResult<Value> {
    let Some(init) = init else {
        return Ok(new_array(vm, cls, code, Vec::new()));
    };
    if ops::str_of(init).is_some() && code != b'u' {
        let msg = format!(
            "cannot use a str to initialize an array with typecode '{}'",
            code as char
        );
        return Err(vm.type_error(msg));
    }
    if let Some(other) = native_state::<Array>(init) {
        if other.code == b'u' && code != b'u' {
            let msg = format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                code as char
            );
            return Err(vm.type_error(msg));
        }
        if other.code == code {
            let data = other.data.clone();
            return Ok(new_array(vm, cls, code, data));
        }
    }
    match init.obj().map(|o| &o.kind) {
        Some(Kind::Bytes(_)) | Some(Kind::ByteArray(_)) => {
            let b = ops::convert::bytes_of(init).unwrap_or_default();
            let me = new_array(vm, cls, code, Vec::new());
            frombytes(vm, me, &b)?;
            return Ok(me);
        }
        Some(Kind::Str(_)) => {
            let s = ops::str_of(init).unwrap_or("");
            let data = s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
            return Ok(new_array(vm, cls, code, data));
        }
        _ => {}
    }
    let me = new_array(vm, cls, code, Vec::new());
    pin(vm, me);
    extend_iter(vm, me, init)?;
    Ok(me)
}

fn array_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = super::native::new_args(vm, &args, "array")?;
    if cls.is(base_class(vm)) && args.has_kw() {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    if rest.is_empty() {
        return Err(vm.type_error("array() takes at least 1 argument (0 given)"));
    }
    if rest.len() > 2 {
        let msg = format!("array() takes at most 2 arguments ({} given)", rest.len());
        return Err(vm.type_error(msg));
    }
    let code = typecode_arg(vm, rest[0])?;
    make(vm, cls, code, rest.get(1).copied())
}

/// Append every item of `iterable` (not an array of the same kind).
fn extend_iter(vm: &mut Vm, me: Value, iterable: Value) -> PyResult<()> {
    let code = state(me).code;
    if let Some(Kind::List(_) | Kind::Tuple(_)) = iterable.obj().map(|o| &o.kind) {
        let items = ops::seq_items(iterable).unwrap_or_default();
        vm.pinned.extend(items.iter().copied());
        for v in items {
            let w = encode(vm, code, v)?;
            push_item(state(me), w);
        }
        return Ok(());
    }
    pin(vm, iterable);
    let it = ops::get_iter(vm, iterable)?;
    pin(vm, it);
    while let Some(v) = ops::next(vm, it)? {
        let w = encode(vm, code, v)?;
        push_item(state(me), w);
    }
    Ok(())
}

fn frombytes(vm: &mut Vm, me: Value, b: &[u8]) -> PyResult<()> {
    let st = state(me);
    if b.len() % st.size() != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    st.data.extend_from_slice(b);
    Ok(())
}

// ----- methods -----

fn array_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "append")?;
    let code = st.code;
    let v = one_arg(vm, &args, "array.append")?;
    let w = encode(vm, code, v)?;
    push_item(state(me), w);
    Ok(Value::NONE)
}

fn extend(vm: &mut Vm, me: Value, other: Value) -> PyResult<()> {
    if let Some(o) = native_state::<Array>(other) {
        let st = state(me);
        if o.code != st.code {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        let d = o.data.clone();
        st.data.extend_from_slice(&d);
        return Ok(());
    }
    extend_iter(vm, me, other)
}

fn array_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "extend")?;
    let v = one_arg(vm, &args, "array.extend")?;
    extend(vm, me, v)?;
    Ok(Value::NONE)
}

/// A position for `insert`/`index`: negative from the end, clamped.
fn clamp(i: i64, len: usize) -> usize {
    let len = len as i64;
    let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
    j as usize
}

fn array_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "insert")?;
    let code = st.code;
    let a = positional(vm, "insert", &args.pos[1..], &args, 2, 2)?;
    let i = ssize(vm, a[0])?;
    let w = encode(vm, code, a[1])?;
    let st = state(me);
    let at = clamp(i, st.len()) * st.size();
    let s = st.size();
    st.data.splice(at..at, w.to_le_bytes()[..s].iter().copied());
    Ok(Value::NONE)
}

fn array_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "pop")?;
    let a = positional(vm, "pop", &args.pos[1..], &args, 0, 1)?;
    let i = match a.first() {
        Some(v) => ssize(vm, *v)?,
        None => -1,
    };
    let st = state(me);
    let len = st.len();
    if len == 0 {
        return Err(vm.index_error("pop from empty array"));
    }
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("pop index out of range"));
    }
    let j = j as usize;
    let v = decode(vm, st.code, st.item(j))?;
    let s = st.size();
    st.data.drain(j * s..(j + 1) * s);
    Ok(v)
}

/// The first index in `start..stop` whose item equals `x`.
fn find(vm: &mut Vm, me: Value, x: Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    loop {
        let st = state(me);
        if i >= stop.min(st.len()) {
            return Ok(None);
        }
        let v = decode(vm, st.code, st.item(i))?;
        if ops::eq(vm, v, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
}

fn array_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "remove")?;
    let x = one_arg(vm, &args, "array.remove")?;
    match find(vm, me, x, 0, usize::MAX)? {
        Some(i) => {
            let st = state(me);
            let s = st.size();
            st.data.drain(i * s..(i + 1) * s);
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("array.remove(x): x not in array")),
    }
}

fn array_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "index")?;
    let a = positional(vm, "index", &args.pos[1..], &args, 1, 3)?;
    let start = match a.get(1) {
        Some(v) => ssize(vm, *v)?,
        None => 0,
    };
    let stop = match a.get(2) {
        Some(v) => ssize(vm, *v)?,
        None => i64::MAX,
    };
    let len = state(me).len();
    let (start, stop) = (clamp(start, len), clamp(stop, len));
    match find(vm, me, a[0], start, stop)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => Err(vm.value_error("array.index(x): x not in array")),
    }
}

fn array_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "count")?;
    let x = one_arg(vm, &args, "array.count")?;
    let mut n = 0;
    let mut i = 0;
    while let Some(j) = find(vm, me, x, i, usize::MAX)? {
        n += 1;
        i = j + 1;
    }
    Ok(vm.new_int(n))
}

fn array_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__contains__")?;
    let x = one_arg(vm, &args, "array.__contains__")?;
    Ok(Value::bool(find(vm, me, x, 0, usize::MAX)?.is_some()))
}

fn array_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "reverse")?;
    no_args(vm, &args, "array.reverse")?;
    let s = st.size();
    let items: Vec<u8> = st.data.chunks_exact(s).rev().flatten().copied().collect();
    st.data = items;
    Ok(Value::NONE)
}

fn array_buffer_info(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "buffer_info")?;
    no_args(vm, &args, "array.buffer_info")?;
    let addr = if st.data.capacity() == 0 {
        0
    } else {
        st.data.as_ptr() as usize
    };
    let n = st.len();
    let a = vm.new_bigint(num_bigint::BigInt::from(addr));
    let l = vm.new_int(n as i64);
    Ok(vm.new_tuple(vec![a, l]))
}

fn array_byteswap(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "byteswap")?;
    no_args(vm, &args, "array.byteswap")?;
    let s = st.size();
    st.data.chunks_exact_mut(s).for_each(|c| c.reverse());
    Ok(Value::NONE)
}

fn array_frombytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "frombytes")?;
    let v = one_arg(vm, &args, "array.frombytes")?;
    let Some(b) = ops::convert::bytes_of(v) else {
        let msg = format!(
            "a bytes-like object is required, not '{}'",
            type_name(vm, v)
        );
        return Err(vm.type_error(msg));
    };
    frombytes(vm, me, &b)?;
    Ok(Value::NONE)
}

fn array_tobytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "tobytes")?;
    no_args(vm, &args, "array.tobytes")?;
    let d = st.data.clone();
    Ok(vm.new_bytes(d))
}

fn array_fromlist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "fromlist")?;
    let code = st.code;
    let v = one_arg(vm, &args, "array.fromlist")?;
    let Some(Kind::List(l)) = v.obj().map(|o| &o.kind) else {
        return Err(vm.type_error("arg must be list"));
    };
    let items = l.get().clone();
    vm.pinned.extend(items.iter().copied());
    let mut words = Vec::with_capacity(items.len());
    for x in items {
        words.push(encode(vm, code, x)?);
    }
    let st = state(me);
    for w in words {
        push_item(st, w);
    }
    Ok(Value::NONE)
}

fn items_of(vm: &mut Vm, me: Value) -> PyResult<Vec<Value>> {
    let st = state(me);
    let (code, s) = (st.code, st.size());
    let data = st.data.clone();
    let mut out = Vec::with_capacity(data.len() / s);
    for c in data.chunks_exact(s) {
        let v = decode(vm, code, c)?;
        vm.pinned.push(v);
        out.push(v);
    }
    Ok(out)
}

fn array_tolist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "tolist")?;
    no_args(vm, &args, "array.tolist")?;
    let items = items_of(vm, me)?;
    Ok(vm.new_list(items))
}

fn array_fromunicode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "fromunicode")?;
    let code = st.code;
    let v = one_arg(vm, &args, "array.fromunicode")?;
    let Some(s) = ops::str_of(v) else {
        let msg = format!(
            "fromunicode() argument must be str, not {}",
            type_name(vm, v)
        );
        return Err(vm.type_error(msg));
    };
    if code != b'u' {
        return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
    }
    let st = state(me);
    st.data
        .extend(s.chars().flat_map(|c| (c as u32).to_le_bytes()));
    Ok(Value::NONE)
}

fn unicode_of(vm: &mut Vm, st: &Array) -> PyResult<String> {
    let mut s = String::with_capacity(st.data.len() / 4);
    for c in st.data.chunks_exact(4) {
        s.push(char_of(vm, u32::from_le_bytes([c[0], c[1], c[2], c[3]]))?);
    }
    Ok(s)
}

fn array_tounicode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "tounicode")?;
    no_args(vm, &args, "array.tounicode")?;
    if st.code != b'u' {
        return Err(vm.value_error("tounicode() may only be called on unicode type arrays"));
    }
    let s = unicode_of(vm, st)?;
    Ok(vm.new_string(s))
}

fn array_fromfile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "fromfile")?;
    let size = st.size();
    let a = positional(vm, "fromfile", &args.pos[1..], &args, 2, 2)?;
    let (f, n) = (a[0], a[1]);
    let n = ssize(vm, n)?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let Some(nbytes) = (n as usize)
        .checked_mul(size)
        .filter(|&b| b <= isize::MAX as usize)
    else {
        return Err(memory_error(vm));
    };
    let read = vm.intern("read");
    let count = vm.new_int(nbytes as i64);
    let b = ops::call_method(vm, f, read, &[count])?;
    let Some(Kind::Bytes(bytes)) = b.obj().map(|o| &o.kind) else {
        return Err(vm.type_error("read() didn't return bytes"));
    };
    let not_enough = bytes.len() != nbytes;
    let bytes = bytes.to_vec();
    frombytes(vm, me, &bytes)?;
    if not_enough {
        let c = vm.exc.EOFError;
        return Err(vm.err(c, "read() didn't return enough bytes"));
    }
    Ok(Value::NONE)
}

fn array_tofile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "tofile")?;
    let f = one_arg(vm, &args, "array.tofile")?;
    const BLOCK: usize = 64 * 1024;
    let write = vm.intern("write");
    let mut at = 0;
    loop {
        let st = state(me);
        if at >= st.data.len() {
            break;
        }
        let end = (at + BLOCK).min(st.data.len());
        let chunk = st.data[at..end].to_vec();
        at = end;
        let b = vm.new_bytes(chunk);
        ops::call_method(vm, f, write, &[b])?;
    }
    Ok(Value::NONE)
}

/// Assigning `typecode` or `itemsize` (getters without setters in CPython).
fn not_writable(vm: &mut Vm, name: &str) -> PyResult<Value> {
    Err(vm.attribute_error(format!(
        "attribute '{}' of 'array.array' objects is not writable",
        name
    )))
}

fn typecode_set(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    not_writable(vm, "typecode")
}

fn itemsize_set(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    not_writable(vm, "itemsize")
}

fn array_itemsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "itemsize")?;
    Ok(vm.new_int(st.size() as i64))
}

fn array_typecode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "typecode")?;
    let c = (st.code as char).to_string();
    Ok(vm.new_string(c))
}

// ----- the sequence protocol -----

fn array_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "__len__")?;
    Ok(vm.new_int(st.len() as i64))
}

enum Key {
    Index(i64),
    Slice(Value),
}

fn key_of(vm: &mut Vm, key: Value) -> PyResult<Key> {
    if let Some(Kind::Slice { .. }) = key.obj().map(|o| &o.kind) {
        return Ok(Key::Slice(key));
    }
    let is_int = matches!(num_of(key), Some(Num::Small(_)) | Some(Num::Big(_))) && !key.is_float()
        || molt_vm::class::lookup_user(vm, type_of(vm, key), vm.names.__index__).is_some();
    if !is_int {
        return Err(vm.type_error("array indices must be integers"));
    }
    Ok(Key::Index(ops::to_index(vm, key)?))
}

/// Byte offsets of the items a slice selects.
fn slice_items(vm: &mut Vm, sl: Value, len: usize) -> PyResult<(isize, isize, usize)> {
    let (start, _, step, n) = ops::subscript::slice_indices(vm, sl, len)?;
    Ok((start, step, n))
}

fn array_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__getitem__")?;
    let key = one_arg(vm, &args, "array.__getitem__")?;
    match key_of(vm, key)? {
        Key::Index(i) => {
            let st = state(me);
            let len = st.len() as i64;
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(vm.index_error("array index out of range"));
            }
            decode(vm, st.code, st.item(j as usize))
        }
        Key::Slice(sl) => {
            let len = state(me).len();
            let (start, step, n) = slice_items(vm, sl, len)?;
            let st = state(me);
            let s = st.size();
            let mut data = Vec::with_capacity(n * s);
            for k in 0..n {
                let i = (start + k as isize * step) as usize;
                data.extend_from_slice(st.item(i));
            }
            let code = st.code;
            let cls = base_class(vm);
            Ok(new_array(vm, cls, code, data))
        }
    }
}

/// Remove the items a slice (start, step, n) selects.
fn delete_slice(st: &mut Array, start: isize, step: isize, n: usize) {
    let s = st.size();
    if n == 0 {
        return;
    }
    let (lo, step) = if step < 0 {
        (start + (n as isize - 1) * step, -step)
    } else {
        (start, step)
    };
    let lo = lo as usize;
    let mut out = Vec::with_capacity(st.data.len() - n * s);
    for (i, c) in st.data.chunks_exact(s).enumerate() {
        let picked = i >= lo && (i - lo) % step as usize == 0 && (i - lo) / (step as usize) < n;
        if !picked {
            out.extend_from_slice(c);
        }
    }
    st.data = out;
}

fn array_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__setitem__")?;
    let a = positional(vm, "", &args.pos[1..], &args, 2, 2)?;
    let (key, value) = (a[0], a[1]);
    match key_of(vm, key)? {
        Key::Index(i) => {
            let code = state(me).code;
            let w = encode(vm, code, value)?;
            let st = state(me);
            let len = st.len() as i64;
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(vm.index_error("array assignment index out of range"));
            }
            let s = st.size();
            let j = j as usize;
            st.data[j * s..(j + 1) * s].copy_from_slice(&w.to_le_bytes()[..s]);
            Ok(Value::NONE)
        }
        Key::Slice(sl) => {
            let Some(other) = native_state::<Array>(value) else {
                let msg = format!(
                    "can only assign array (not \"{}\") to array slice",
                    tp_name(vm, value)
                );
                return Err(vm.type_error(msg));
            };
            if other.code != state(me).code {
                return Err(vm.type_error("bad argument type for built-in operation"));
            }
            let src = other.data.clone();
            let len = state(me).len();
            let (start, stop, step, n) = ops::subscript::slice_indices(vm, sl, len)?;
            let st = state(me);
            let s = st.size();
            let needed = src.len() / s;
            if step == 1 {
                let (lo, hi) = (start as usize, stop.max(start) as usize);
                st.data.splice(lo * s..hi * s, src);
                return Ok(Value::NONE);
            }
            if needed == 0 {
                delete_slice(st, start, step, n);
                return Ok(Value::NONE);
            }
            if needed != n {
                let msg = format!(
                    "attempt to assign array of size {} to extended slice of size {}",
                    needed, n
                );
                return Err(vm.value_error(msg));
            }
            for (k, c) in src.chunks_exact(s).enumerate() {
                let i = (start + k as isize * step) as usize;
                st.data[i * s..(i + 1) * s].copy_from_slice(c);
            }
            Ok(Value::NONE)
        }
    }
}

fn array_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__delitem__")?;
    let key = one_arg(vm, &args, "array.__delitem__")?;
    match key_of(vm, key)? {
        Key::Index(i) => {
            let st = state(me);
            let len = st.len() as i64;
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(vm.index_error("array assignment index out of range"));
            }
            let s = st.size();
            let j = j as usize;
            st.data.drain(j * s..(j + 1) * s);
        }
        Key::Slice(sl) => {
            let len = state(me).len();
            let (start, step, n) = slice_items(vm, sl, len)?;
            delete_slice(state(me), start, step, n);
        }
    }
    Ok(Value::NONE)
}

fn array_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = arr(vm, &args, "__add__")?;
    let other = one_arg(vm, &args, "array.__add__")?;
    let Some(o) = native_state::<Array>(other) else {
        let msg = format!(
            "can only append array (not \"{}\") to array",
            tp_name(vm, other)
        );
        return Err(vm.type_error(msg));
    };
    if o.code != st.code {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut data = st.data.clone();
    data.extend_from_slice(&o.data);
    let (code, cls) = (st.code, base_class(vm));
    Ok(new_array(vm, cls, code, data))
}

fn array_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__iadd__")?;
    let other = one_arg(vm, &args, "array.__iadd__")?;
    if !is_array(other) {
        let msg = format!(
            "can only extend array with array (not \"{}\")",
            tp_name(vm, other)
        );
        return Err(vm.type_error(msg));
    }
    extend(vm, me, other)?;
    Ok(me)
}

/// The repeat count of `a * n`, with the sequence TypeError for non-ints.
fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<i64> {
    let is_int = matches!(num_of(n), Some(Num::Small(_)) | Some(Num::Big(_))) && !n.is_float()
        || molt_vm::class::lookup_user(vm, type_of(vm, n), vm.names.__index__).is_some();
    if !is_int {
        let msg = format!(
            "can't multiply sequence by non-int of type '{}'",
            tp_name(vm, n)
        );
        return Err(vm.type_error(msg));
    }
    match ssize(vm, n) {
        Ok(i) => Ok(i),
        Err(_) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// `data` repeated `n` times; MemoryError when it cannot be allocated.
fn repeated(vm: &mut Vm, data: &[u8], n: i64) -> PyResult<Vec<u8>> {
    let n = n.max(0) as usize;
    let Some(total) = data
        .len()
        .checked_mul(n)
        .filter(|&t| t <= isize::MAX as usize)
    else {
        return Err(memory_error(vm));
    };
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(memory_error(vm));
    }
    for _ in 0..n {
        out.extend_from_slice(data);
    }
    Ok(out)
}

fn array_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__mul__")?;
    let n = one_arg(vm, &args, "array.__mul__")?;
    let n = repeat_count(vm, n)?;
    let st = state(me);
    let code = st.code;
    let data = repeated(vm, &st.data, n)?;
    let cls = base_class(vm);
    Ok(new_array(vm, cls, code, data))
}

fn array_imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__imul__")?;
    let n = one_arg(vm, &args, "array.__imul__")?;
    let n = repeat_count(vm, n)?;
    let st = state(me);
    let data = repeated(vm, &st.data, n)?;
    state(me).data = data;
    Ok(me)
}

fn array_richcompare(vm: &mut Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, op.dunder())?;
    let other = one_arg(vm, &args, "array.__eq__")?;
    let Some(o) = native_state::<Array>(other) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if (op == CmpOp::Eq || op == CmpOp::Ne) && st.len() != o.len() {
        return Ok(Value::bool(op == CmpOp::Ne));
    }
    // Same integer kind: equal bytes are equal items.
    if (op == CmpOp::Eq || op == CmpOp::Ne) && st.code == o.code && !b"fd".contains(&st.code) {
        return Ok(Value::bool((st.data == o.data) == (op == CmpOp::Eq)));
    }
    let a = items_of(vm, me)?;
    let b = items_of(vm, other)?;
    for (x, y) in a.iter().zip(b.iter()) {
        // Items are fresh objects in CPython: a NaN never equals itself.
        let equal = match (num_of(*x), num_of(*y)) {
            (Some(Num::Float(f)), Some(Num::Float(g))) => f == g,
            _ => ops::eq(vm, *x, *y)?,
        };
        if equal {
            continue;
        }
        return match op {
            CmpOp::Eq => Ok(Value::FALSE),
            CmpOp::Ne => Ok(Value::TRUE),
            _ => ops::compare(vm, op, *x, *y),
        };
    }
    Ok(Value::bool(
        op.holds(a.len() as i64, b.len() as i64) == Some(true),
    ))
}

macro_rules! cmp_method {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            array_richcompare(vm, args, $op)
        }
    };
}
cmp_method!(array_eq, CmpOp::Eq);
cmp_method!(array_ne, CmpOp::Ne);
cmp_method!(array_lt, CmpOp::Lt);
cmp_method!(array_le, CmpOp::Le);
cmp_method!(array_gt, CmpOp::Gt);
cmp_method!(array_ge, CmpOp::Ge);

fn array_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "__repr__")?;
    let code = st.code;
    let name = short_name(vm, me);
    if st.data.is_empty() {
        return Ok(vm.new_string(format!("{}('{}')", name, code as char)));
    }
    let inner = if code == b'u' {
        let s = unicode_of(vm, st)?;
        let sv = vm.new_string(s);
        ops::repr_string(vm, sv)?
    } else {
        let items = items_of(vm, me)?;
        let l = vm.new_list(items);
        ops::repr_string(vm, l)?
    };
    Ok(vm.new_string(format!("{}('{}', {})", name, code as char, inner)))
}

/// A copy as a plain `array.array` (CPython's `__copy__` drops the subclass).
fn copy_of(vm: &mut Vm, me: Value) -> Value {
    let st = state(me);
    let (code, data) = (st.code, st.data.clone());
    let cls = base_class(vm);
    new_array(vm, cls, code, data)
}

fn array_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__copy__")?;
    no_args(vm, &args, "array.__copy__")?;
    Ok(copy_of(vm, me))
}

fn array_deepcopy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__deepcopy__")?;
    one_arg(vm, &args, "array.__deepcopy__")?;
    Ok(copy_of(vm, me))
}

/// CPython's machine format codes (`arraymodule.c`'s
/// `enum machine_format_code`): (item size, signed, big-endian, kind).
#[derive(Clone, Copy, PartialEq)]
enum MKind {
    Int,
    Float,
    Utf16,
    Utf32,
}

fn mformat(code: i64) -> Option<(usize, bool, bool, MKind)> {
    Some(match code {
        0 => (1, false, false, MKind::Int),
        1 => (1, true, false, MKind::Int),
        2..=13 => {
            let k = code - 2;
            let size = [2, 4, 8][(k / 4) as usize];
            (size, k % 4 >= 2, k % 2 == 1, MKind::Int)
        }
        14 | 15 => (4, true, code == 15, MKind::Float),
        16 | 17 => (8, true, code == 17, MKind::Float),
        18 | 19 => (2, false, code == 19, MKind::Utf16),
        20 | 21 => (4, false, code == 21, MKind::Utf32),
        _ => return None,
    })
}

/// The machine format of a typecode's items here (little-endian).
fn native_mformat(code: u8) -> i64 {
    match code {
        b'B' => 0,
        b'b' => 1,
        b'H' => 2,
        b'h' => 4,
        b'I' => 6,
        b'i' => 8,
        b'L' | b'Q' => 10,
        b'l' | b'q' => 12,
        b'f' => 14,
        b'd' => 16,
        _ => 20,
    }
}

fn array_reduce_ex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = arr(vm, &args, "__reduce_ex__")?;
    let code = st.code;
    let proto = one_arg(vm, &args, "array.__reduce_ex__")?;
    let proto = ssize(vm, proto)?;
    let cls = type_of(vm, me);
    let k = vm.intern("__dict__");
    let dict = ops::getattr_opt(vm, me, k)?.unwrap_or(Value::NONE);
    let tc = vm.new_string((code as char).to_string());
    if proto < 3 {
        let items = items_of(vm, me)?;
        let l = vm.new_list(items);
        let a = vm.new_tuple(vec![tc, l]);
        return Ok(vm.new_tuple(vec![cls, a, dict]));
    }
    let data = state(me).data.clone();
    let b = vm.new_bytes(data);
    let mf = Value::small_int_unchecked(native_mformat(code));
    let a = vm.new_tuple(vec![cls, tc, mf, b]);
    let recon = class(vm, "_array_reconstructor");
    Ok(vm.new_tuple(vec![recon, a, dict]))
}

/// `array._array_reconstructor(arraytype, typecode, mformat_code, items)`:
/// the unpickling of an array pickled on any machine.
fn array_reconstructor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "_array_reconstructor", args.pos, &args, 4, 4)?;
    let (cls, tc, mf, items) = (a[0], a[1], a[2], a[3]);
    if !is_class(cls) {
        let msg = format!(
            "first argument must be a type object, not {}",
            type_name(vm, cls)
        );
        return Err(vm.type_error(msg));
    }
    if !is_subclass(cls, base_class(vm)) {
        let msg = format!(
            "{} is not a subtype of array.array",
            molt_vm::class::class_name(cls)
        );
        return Err(vm.type_error(msg));
    }
    let code = match ops::str_of(tc) {
        Some(s) if s.chars().count() == 1 => s.chars().next().unwrap(),
        _ => {
            let msg = format!(
                "_array_reconstructor() argument 2 must be a unicode character, not {}",
                type_name(vm, tc)
            );
            return Err(vm.type_error(msg));
        }
    };
    if !code.is_ascii() || !TYPECODES.contains(code) {
        return Err(vm.value_error("second argument must be a valid type code"));
    }
    let code = code as u8;
    let mf = ssize(vm, mf)?;
    let Some((size, signed, big, kind)) = mformat(mf) else {
        return Err(vm.value_error("third argument must be a valid machine format code."));
    };
    let Some(Kind::Bytes(b)) = items.obj().map(|o| &o.kind) else {
        let msg = format!(
            "fourth argument should be bytes, not {}",
            type_name(vm, items)
        );
        return Err(vm.type_error(msg));
    };
    let b = b.to_vec();
    if mf == native_mformat(code) {
        let me = new_array(vm, cls, code, Vec::new());
        frombytes(vm, me, &b)?;
        return Ok(me);
    }
    if b.len() % size != 0 {
        return Err(vm.value_error("string length not a multiple of item size"));
    }
    let word = |c: &[u8]| -> u64 {
        let mut w = [0u8; 8];
        if big {
            for (i, x) in c.iter().rev().enumerate() {
                w[i] = *x;
            }
        } else {
            w[..c.len()].copy_from_slice(c);
        }
        u64::from_le_bytes(w)
    };
    let words: Vec<u64> = b.chunks_exact(size).map(word).collect();
    match kind {
        MKind::Utf16 | MKind::Utf32 => {
            let s: String = if kind == MKind::Utf16 {
                let units: Vec<u16> = words.iter().map(|w| *w as u16).collect();
                match String::from_utf16(&units) {
                    Ok(s) => s,
                    Err(_) => {
                        return Err(vm.value_error("UTF-16 data with lone surrogates"));
                    }
                }
            } else {
                let mut s = String::new();
                for w in &words {
                    s.push(char_of(vm, *w as u32)?);
                }
                s
            };
            let data = s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
            Ok(new_array(vm, cls, b'u', data))
        }
        MKind::Float => {
            let vals: Vec<Value> = words
                .iter()
                .map(|w| {
                    Value::float(if size == 4 {
                        f32::from_bits(*w as u32) as f64
                    } else {
                        f64::from_bits(*w)
                    })
                })
                .collect();
            let l = vm.new_list(vals);
            pin(vm, l);
            make(vm, cls, code, Some(l))
        }
        MKind::Int => {
            // CPython picks the (last) native integer typecode of this
            // size and signedness, whatever `typecode` said.
            let mut found = code;
            for c in TYPECODES.bytes() {
                if !b"ufd".contains(&c) && itemsize(c) == size && c.is_ascii_lowercase() == signed {
                    found = c;
                }
            }
            let vals: Vec<Value> = words
                .iter()
                .map(|w| {
                    let n: i128 = if signed {
                        let shift = 64 - 8 * size as u32;
                        (((*w << shift) as i64) >> shift) as i128
                    } else {
                        *w as i128
                    };
                    vm.new_bigint(num_bigint::BigInt::from(n))
                })
                .collect();
            let l = vm.new_list(vals);
            pin(vm, l);
            make(vm, cls, found, Some(l))
        }
    }
}

// ----- iterator -----

struct ArrayIter {
    /// The array, or NONE once exhausted.
    arr: Value,
    index: usize,
}

impl NativeState for ArrayIter {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.arr)
    }
}

const ITER: &str = "array.arrayiterator";

fn array_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = arr(vm, &args, "__iter__")?;
    no_args(vm, &args, "array.__iter__")?;
    let cls = class(vm, "arrayiterator");
    Ok(vm.new_native_object(cls, ArrayIter { arr: me, index: 0 }))
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, it) = this::<ArrayIter>(vm, &args, ITER, "__next__")?;
    if it.arr.is_none() {
        return Err(super::native::stop(vm));
    }
    let st = state(it.arr);
    if it.index >= st.len() {
        it.arr = Value::NONE;
        return Err(super::native::stop(vm));
    }
    let i = it.index;
    it.index += 1;
    decode(vm, st.code, st.item(i))
}

fn iter_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, it) = this::<ArrayIter>(vm, &args, ITER, "__reduce__")?;
    let (a, index) = (it.arr, it.index);
    let k = vm.intern("iter");
    let b = vm.builtins;
    let func = vm.dict_get_str(b, k).unwrap_or(Value::NONE);
    if a.is_none() {
        let empty = vm.new_tuple(vec![]);
        let t = vm.new_tuple(vec![empty]);
        return Ok(vm.new_tuple(vec![func, t]));
    }
    let t = vm.new_tuple(vec![a]);
    let i = vm.new_int(index as i64);
    Ok(vm.new_tuple(vec![func, t, i]))
}

fn iter_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    this::<ArrayIter>(vm, &args, ITER, "__setstate__")?;
    let v = one_arg(vm, &args, "arrayiterator.__setstate__")?;
    let n = ssize(vm, v)?;
    let (_, it) = this::<ArrayIter>(vm, &args, ITER, "__setstate__")?;
    if !it.arr.is_none() {
        let len = state(it.arr).len() as i64;
        it.index = n.clamp(0, len) as usize;
    }
    Ok(Value::NONE)
}

pub fn array_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("array");
    let cls = new_class(vm, "array", "array", &[], Layout::Object, false);
    let list: &[(&'static str, NativeFn)] = &[
        ("__new__", array_new),
        ("append", array_append),
        ("extend", array_extend),
        ("insert", array_insert),
        ("pop", array_pop),
        ("remove", array_remove),
        ("index", array_index),
        ("count", array_count),
        ("reverse", array_reverse),
        ("buffer_info", array_buffer_info),
        ("byteswap", array_byteswap),
        ("frombytes", array_frombytes),
        ("tobytes", array_tobytes),
        ("fromlist", array_fromlist),
        ("tolist", array_tolist),
        ("fromunicode", array_fromunicode),
        ("tounicode", array_tounicode),
        ("fromfile", array_fromfile),
        ("tofile", array_tofile),
        ("__len__", array_len),
        ("__contains__", array_contains),
        ("__getitem__", array_getitem),
        ("__setitem__", array_setitem),
        ("__delitem__", array_delitem),
        ("__iter__", array_iter),
        ("__add__", array_add),
        ("__iadd__", array_iadd),
        ("__mul__", array_mul),
        ("__rmul__", array_mul),
        ("__imul__", array_imul),
        ("__eq__", array_eq),
        ("__ne__", array_ne),
        ("__lt__", array_lt),
        ("__le__", array_le),
        ("__gt__", array_gt),
        ("__ge__", array_ge),
        ("__repr__", array_repr),
        ("__copy__", array_copy),
        ("__deepcopy__", array_deepcopy),
        ("__reduce_ex__", array_reduce_ex),
    ];
    methods(vm, cls, list);
    for (name, get, set) in [
        (
            "itemsize",
            array_itemsize as NativeFn,
            itemsize_set as NativeFn,
        ),
        ("typecode", array_typecode, typecode_set),
    ] {
        let set = vm.new_native(name, set, Value::NONE);
        super::native::property(vm, cls, name, get, set);
    }
    vm.set_attr_str(cls, "__hash__", Value::NONE);

    let it = new_class(vm, "array", "arrayiterator", &[], Layout::Object, false);
    let list: &[(&'static str, NativeFn)] = &[
        ("__iter__", iter_self),
        ("__next__", iter_next),
        ("__reduce__", iter_reduce),
        ("__setstate__", iter_setstate),
    ];
    methods(vm, it, list);

    set(vm, m, "array", cls);
    set(vm, m, "ArrayType", cls);
    // As CPython's module does: arrays are mutable sequences.
    let abc = {
        let n = vm.intern("collections.abc");
        let globals = vm.new_dict();
        let from = vm.new_str("MutableSequence");
        let fromlist = vm.new_tuple(vec![from]);
        (vm.hooks.import)(vm, n, globals, fromlist, 0)?
    };
    let k = vm.intern("MutableSequence");
    let seq = ops::getattr(vm, abc, k)?;
    let register = vm.intern("register");
    ops::call_method(vm, seq, register, &[cls])?;
    let tc = vm.new_str(TYPECODES);
    set(vm, m, "typecodes", tc);
    let f = vm.new_native("_array_reconstructor", array_reconstructor, Value::NONE);
    vm.roots.push(f);
    vm.native_classes.insert("_array_reconstructor", f);
    set(vm, m, "_array_reconstructor", f);
    Ok(m)
}
