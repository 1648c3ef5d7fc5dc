//! `memoryview` over `bytes`, `bytearray` and native objects exporting a
//! buffer (`array.array`): one-dimensional.  The view's state and its
//! bytes-like reading live in `vm/src/memoryview.rs`.

use crate::modules::native::{getter, methods};
use molt_vm::class::type_name;
use molt_vm::memoryview::{memoryview_state, MemoryView};
use molt_vm::object::{Kind, Layout, NativeFn};
use molt_vm::ops::{self, arith::num_of, arith::Num};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};

pub fn register(vm: &mut Vm) {
    let cls = vm.make_native_class("builtins", "memoryview", &[], Layout::Other, false);
    vm.native_classes.insert("memoryview", cls);
    methods(
        vm,
        cls,
        &[
            ("__new__", mv_new as NativeFn),
            ("__len__", mv_len),
            ("__getitem__", mv_getitem),
            ("__setitem__", mv_setitem),
            ("__iter__", mv_iter),
            ("__eq__", mv_eq),
            ("__hash__", mv_hash),
            ("__repr__", mv_repr),
            ("__enter__", mv_enter),
            ("__exit__", mv_exit),
            ("__bytes__", mv_tobytes),
            ("release", mv_release),
            ("tobytes", mv_tobytes),
            ("tolist", mv_tolist),
            ("hex", mv_hex),
            ("cast", mv_cast),
            ("toreadonly", mv_toreadonly),
        ],
    );
    for (name, f) in [
        ("obj", mv_obj as NativeFn),
        ("nbytes", mv_nbytes),
        ("readonly", mv_readonly),
        ("itemsize", mv_itemsize),
        ("format", mv_format),
        ("ndim", mv_ndim),
        ("shape", mv_shape),
        ("strides", mv_strides),
        ("c_contiguous", mv_contiguous),
        ("f_contiguous", mv_contiguous),
        ("contiguous", mv_contiguous),
    ] {
        getter(vm, cls, name, f);
    }
    let b = vm.builtins;
    let k = vm.intern("memoryview");
    vm.dict_set_str(b, k, cls);
}

fn class(vm: &Vm) -> Value {
    vm.native_classes["memoryview"]
}

fn new_view(vm: &mut Vm, state: MemoryView) -> Value {
    let cls = class(vm);
    vm.new_native_object(cls, state)
}

/// The view in `v`, checked not released.
fn view(vm: &mut Vm, v: Value) -> PyResult<&'static mut MemoryView> {
    match memoryview_state(v) {
        Some(m) if m.released => Err(released(vm)),
        Some(m) => Ok(m),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'memoryview' object but received '{}'",
            type_name(vm, v)
        ))),
    }
}

fn released(vm: &mut Vm) -> PyErr {
    vm.value_error("operation forbidden on released memoryview object")
}

fn mv_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(
        vm,
        "memoryview",
        &Args {
            pos: &args.pos[1..],
            ..args
        },
        &["object"],
        1,
    )?;
    let obj = a[0].unwrap();
    if let Some(m) = memoryview_state(obj) {
        if m.released {
            return Err(released(vm));
        }
        let copy = MemoryView {
            released: false,
            ..*m
        };
        return Ok(new_view(vm, copy));
    }
    let mut format = 'B';
    let len = match &obj.obj().map(|o| &o.kind) {
        Some(Kind::Bytes(b)) => b.len(),
        Some(Kind::ByteArray(b)) => b.get().len(),
        Some(Kind::NativeObject(_)) if molt_vm::object::native_buffer(obj).is_some() => {
            format = match molt_vm::object::native_buffer_format(obj) {
                Some('u') => 'w',
                Some(f) => f,
                None => 'B',
            };
            molt_vm::object::native_buffer(obj).map_or(0, |b| b.len())
        }
        _ => {
            let msg = format!(
                "memoryview: a bytes-like object is required, not '{}'",
                type_name(vm, obj)
            );
            return Err(vm.type_error(msg));
        }
    };
    Ok(new_view(
        vm,
        MemoryView {
            obj,
            start: 0,
            step: 1,
            len,
            format,
            released: false,
        },
    ))
}

/// The Python value of one item (`c` items are one-byte bytes).
fn item(vm: &mut Vm, format: char, v: i128) -> Value {
    match format {
        'c' => vm.new_bytes(vec![v as u8]),
        'f' => Value::float(f32::from_bits(v as u32) as f64),
        'd' => Value::float(f64::from_bits(v as u64)),
        _ => vm.new_bigint(num_bigint::BigInt::from(v)),
    }
}

/// Slicing and assignment work on one-byte views only.
fn one_byte(vm: &mut Vm, m: &MemoryView) -> PyResult<()> {
    if m.itemsize() != 1 {
        return Err(vm.type_error(
            "memoryview: slicing and assignment of multi-byte formats are not supported",
        ));
    }
    Ok(())
}

fn mv_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    Ok(Value::small_int_unchecked(m.items() as i64))
}

fn mv_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    let key = args.pos[1];
    if let Some(Kind::Slice { .. }) = key.obj().map(|o| &o.kind) {
        let size = m.itemsize();
        if size != 1 && m.step == 1 {
            // A contiguous view of multi-byte items: step-1 slices stay
            // contiguous (a byte window over whole items).
            let (start, _, step, n) = ops::subscript::slice_indices(vm, key, m.items())?;
            if step == 1 || n <= 1 {
                let sub = MemoryView {
                    start: m.start + start.max(0) as usize * size,
                    len: n * size,
                    released: false,
                    ..*m
                };
                return Ok(new_view(vm, sub));
            }
        }
        one_byte(vm, m)?;
        let (start, _, step, n) = ops::subscript::slice_indices(vm, key, m.len)?;
        let sub = MemoryView {
            start: if n == 0 {
                m.start
            } else {
                m.offset(start as usize)
            },
            step: m.step * step,
            len: n,
            released: false,
            ..*m
        };
        return Ok(new_view(vm, sub));
    }
    if key.is(Value::ELLIPSIS) {
        return Ok(args.pos[0]);
    }
    let i = element_index(vm, m, key)?;
    readable(vm, m)?;
    let value = m.item_values().get(i).copied();
    match value {
        Some(v) => Ok(item(vm, m.format, v)),
        None => Err(vm.index_error("index out of bounds on dimension 1")),
    }
}

fn element_index(vm: &mut Vm, m: &MemoryView, key: Value) -> PyResult<usize> {
    if matches!(num_of(key), None | Some(Num::Float(_))) && !key.is_bool() {
        let msg = "memoryview: invalid slice key".to_string();
        return Err(vm.type_error(msg));
    }
    let i = ops::to_index(vm, key)?;
    let n = m.items() as i64;
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    Ok(i as usize)
}

fn mv_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    if m.readonly() {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    one_byte(vm, m)?;
    let (key, value) = (args.pos[1], args.pos[2]);
    let (start, step, n) = if let Some(Kind::Slice { .. }) = key.obj().map(|o| &o.kind) {
        let (start, _, step, n) = ops::subscript::slice_indices(vm, key, m.len)?;
        (start as usize, step, n)
    } else {
        (element_index(vm, m, key)?, 1, 1)
    };
    let is_slice = matches!(key.obj().map(|o| &o.kind), Some(Kind::Slice { .. }));
    let new: Vec<u8> = if is_slice {
        let b = ops::convert::bytes_of(value).ok_or_else(|| {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                type_name(vm, value)
            );
            vm.type_error(msg)
        })?;
        if b.len() != n {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        b
    } else {
        let v = ops::to_index(vm, value)?;
        if !(0..=255).contains(&v) {
            return Err(vm.value_error("memoryview: invalid value for format 'B'"));
        }
        vec![v as u8]
    };
    let offsets: Vec<usize> = (0..n)
        .map(|k| m.offset(start + k * step as usize))
        .collect();
    let buf: &mut [u8] = match &m.obj.as_obj().kind {
        Kind::ByteArray(buf) => buf.get(),
        _ => molt_vm::object::native_buffer_mut(m.obj).unwrap_or(&mut []),
    };
    for (o, b) in offsets.into_iter().zip(new) {
        if let Some(slot) = buf.get_mut(o) {
            *slot = b;
        }
    }
    Ok(Value::NONE)
}

/// Items of a format molt cannot read (`w`) raise as in CPython.
fn readable(vm: &mut Vm, m: &MemoryView) -> PyResult<()> {
    if m.format == 'w' {
        let c = vm.exc.NotImplementedError;
        return Err(vm.err(c, "memoryview: format w not supported"));
    }
    Ok(())
}

fn items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    let m = view(vm, v)?;
    readable(vm, m)?;
    let format = m.format;
    Ok(m.item_values()
        .into_iter()
        .map(|x| item(vm, format, x))
        .collect())
}

fn mv_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = items(vm, args.pos[0])?;
    let l = vm.new_list(l);
    ops::get_iter(vm, l)
}

fn mv_tolist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = items(vm, args.pos[0])?;
    Ok(vm.new_list(l))
}

fn mv_tobytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = view(vm, args.pos[0])?.bytes();
    Ok(vm.new_bytes(b))
}

fn mv_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = view(vm, args.pos[0])?.bytes();
    let bytes = vm.new_bytes(b);
    let hex = vm.intern("hex");
    ops::call_method(vm, bytes, hex, &args.pos[1..])
}

/// Views compare equal to any bytes-like object with the same contents.
fn mv_eq(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = (args.pos[0], args.pos[1]);
    if a.is(b) {
        return Ok(Value::TRUE);
    }
    let mine = match memoryview_state(a) {
        Some(m) if !m.released => m.bytes(),
        _ => return Ok(Value::FALSE),
    };
    match ops::convert::bytes_of(b) {
        Some(other) => Ok(Value::bool(mine == other)),
        None if memoryview_state(b).is_some() => Ok(Value::FALSE),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn mv_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    if !m.readonly() {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    let b = m.bytes();
    let bytes = vm.new_bytes(b);
    let h = ops::hash(vm, bytes)?;
    Ok(vm.new_int(h))
}

fn mv_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos[0];
    let what = match memoryview_state(v) {
        Some(m) if m.released => "released memory",
        _ => "memory",
    };
    Ok(vm.new_string(format!("<{} at {:#x}>", what, v.obj_ptr() as usize)))
}

fn mv_enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(vm, args.pos[0])?;
    Ok(args.pos[0])
}

fn mv_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    mv_release(vm, Args::new(&args.pos[..1]))
}

fn mv_release(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(m) = memoryview_state(args.pos[0]) {
        m.released = true;
    }
    Ok(Value::NONE)
}

/// `cast(format)`: a view of the same bytes as other native items.
fn mv_cast(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    let format = match args.pos.get(1).and_then(|f| ops::str_of(*f)) {
        Some(f) if f.len() == 1 && "BbcHhIiLlQq".contains(f) => f.chars().next().unwrap(),
        Some(f) if f.len() == 2 && f.starts_with('@') && "BbcHhIiLlQq".contains(&f[1..]) => {
            f.chars().nth(1).unwrap()
        }
        Some(_) => {
            return Err(vm.value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ))
        }
        None => return Err(vm.type_error("memoryview: format argument must be a string")),
    };
    let cast = MemoryView {
        format,
        released: false,
        ..*m
    };
    if cast.itemsize() != m.itemsize() && m.itemsize() != 1 && cast.itemsize() != 1 {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    if cast.itemsize() > 1 && m.step != 1 {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if m.len % cast.itemsize() != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    Ok(new_view(vm, cast))
}

fn mv_toreadonly(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = view(vm, args.pos[0])?.bytes();
    let len = b.len();
    let obj = vm.new_bytes(b);
    Ok(new_view(
        vm,
        MemoryView {
            obj,
            start: 0,
            step: 1,
            len,
            format: 'B',
            released: false,
        },
    ))
}

fn mv_obj(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(view(vm, args.pos[0])?.obj)
}

fn mv_nbytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::small_int_unchecked(
        view(vm, args.pos[0])?.len as i64,
    ))
}

fn mv_readonly(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(view(vm, args.pos[0])?.readonly()))
}

fn mv_itemsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let size = view(vm, args.pos[0])?.itemsize();
    Ok(Value::small_int_unchecked(size as i64))
}

fn mv_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = view(vm, args.pos[0])?.format;
    Ok(vm.new_string(f.to_string()))
}

fn mv_ndim(vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(vm, args.pos[0])?;
    Ok(Value::small_int_unchecked(1))
}

fn mv_shape(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = view(vm, args.pos[0])?.items();
    Ok(vm.new_tuple(vec![Value::small_int_unchecked(n as i64)]))
}

fn mv_strides(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    let stride = m.step * m.itemsize() as isize;
    Ok(vm.new_tuple(vec![Value::small_int_unchecked(stride as i64)]))
}

fn mv_contiguous(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = view(vm, args.pos[0])?;
    Ok(Value::bool(m.step == 1 || m.len <= 1))
}
