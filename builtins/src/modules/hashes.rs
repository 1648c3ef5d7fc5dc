//! The builtin hash modules of CPython 3.11: `_md5`, `_sha1`, `_sha256`,
//! `_sha512`, `_sha3` and `_blake2`, which `hashlib` falls back to when
//! there is no `_hashlib` (OpenSSL).  The algorithms come from crates (see
//! ARCHITECTURE.md); this file gives them CPython's objects and errors.
//!
//! Every algorithm has its own class (`_md5.md5`, `_sha3.shake_128`, ...)
//! and all share one Rust state type, [`Hash`].  The methods are generic
//! over the algorithm's index in [`ALGOS`], so each class's methods know
//! their class for CPython's messages and refuse objects of another one.

use super::native::{clinic_keywords as keywords, new_args, new_class, no_args, one_arg};
use super::set;
use crate::modules::native::buffer_arg;
use molt_vm::class::type_name;
use molt_vm::object::{native_state, Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};
use num_traits::{Signed, ToPrimitive};
use sha3::digest::{ExtendableOutput, Update};

/// What CPython shows of each algorithm.
struct Algo {
    module: &'static str,
    name: &'static str,
    /// 0 for the SHAKEs (their digests have any length); for BLAKE2 the
    /// default, the object keeps its own.
    digest_size: usize,
    block_size: usize,
}

const fn algo(module: &'static str, name: &'static str, digest: usize, block: usize) -> Algo {
    Algo {
        module,
        name,
        digest_size: digest,
        block_size: block,
    }
}

const MD5: usize = 0;
const SHA1: usize = 1;
const SHA224: usize = 2;
const SHA256: usize = 3;
const SHA384: usize = 4;
const SHA512: usize = 5;
const SHA3_224: usize = 6;
const SHA3_256: usize = 7;
const SHA3_384: usize = 8;
const SHA3_512: usize = 9;
const SHAKE128: usize = 10;
const SHAKE256: usize = 11;
const BLAKE2B: usize = 12;
const BLAKE2S: usize = 13;

const ALGOS: [Algo; 14] = [
    algo("_md5", "md5", 16, 64),
    algo("_sha1", "sha1", 20, 64),
    algo("_sha256", "sha224", 28, 64),
    algo("_sha256", "sha256", 32, 64),
    algo("_sha512", "sha384", 48, 128),
    algo("_sha512", "sha512", 64, 128),
    algo("_sha3", "sha3_224", 28, 144),
    algo("_sha3", "sha3_256", 32, 136),
    algo("_sha3", "sha3_384", 48, 104),
    algo("_sha3", "sha3_512", 64, 72),
    algo("_sha3", "shake_128", 0, 168),
    algo("_sha3", "shake_256", 0, 136),
    algo("_blake2", "blake2b", 64, 128),
    algo("_blake2", "blake2s", 32, 64),
];

fn is_shake(k: usize) -> bool {
    k == SHAKE128 || k == SHAKE256
}

fn is_sha3(k: usize) -> bool {
    (SHA3_224..=SHAKE256).contains(&k)
}

#[derive(Clone)]
enum Core {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(blake2b_simd::State),
    Blake2s(blake2s_simd::State),
}

/// The state of a hash object: the algorithm's running state.
#[derive(Clone)]
struct Hash {
    kind: usize,
    core: Core,
    /// BLAKE2's configured digest size (the others take it from [`ALGOS`]).
    digest_size: usize,
}
impl NativeState for Hash {}

impl Hash {
    /// A fresh state of one of the fixed-parameter algorithms.
    fn new(kind: usize) -> Hash {
        use md5::Digest;
        let core = match kind {
            MD5 => Core::Md5(md5::Md5::new()),
            SHA1 => Core::Sha1(sha1::Sha1::new()),
            SHA224 => Core::Sha224(sha2::Sha224::new()),
            SHA256 => Core::Sha256(sha2::Sha256::new()),
            SHA384 => Core::Sha384(sha2::Sha384::new()),
            SHA512 => Core::Sha512(sha2::Sha512::new()),
            SHA3_224 => Core::Sha3_224(sha3::Sha3_224::new()),
            SHA3_256 => Core::Sha3_256(sha3::Sha3_256::new()),
            SHA3_384 => Core::Sha3_384(sha3::Sha3_384::new()),
            SHA3_512 => Core::Sha3_512(sha3::Sha3_512::new()),
            SHAKE128 => Core::Shake128(sha3::Shake128::default()),
            SHAKE256 => Core::Shake256(sha3::Shake256::default()),
            BLAKE2B => Core::Blake2b(blake2b_simd::State::new()),
            _ => Core::Blake2s(blake2s_simd::State::new()),
        };
        Hash {
            kind,
            core,
            digest_size: ALGOS[kind].digest_size,
        }
    }

    fn update(&mut self, data: &[u8]) {
        use md5::Digest;
        match &mut self.core {
            Core::Md5(h) => Digest::update(h, data),
            Core::Sha1(h) => Digest::update(h, data),
            Core::Sha224(h) => Digest::update(h, data),
            Core::Sha256(h) => Digest::update(h, data),
            Core::Sha384(h) => Digest::update(h, data),
            Core::Sha512(h) => Digest::update(h, data),
            Core::Sha3_224(h) => Digest::update(h, data),
            Core::Sha3_256(h) => Digest::update(h, data),
            Core::Sha3_384(h) => Digest::update(h, data),
            Core::Sha3_512(h) => Digest::update(h, data),
            Core::Shake128(h) => Update::update(h, data),
            Core::Shake256(h) => Update::update(h, data),
            Core::Blake2b(h) => {
                h.update(data);
            }
            Core::Blake2s(h) => {
                h.update(data);
            }
        }
    }

    /// The digest of what was fed so far (`len` bytes for the SHAKEs); the
    /// state goes on accepting data.
    fn digest(&self, len: usize) -> Vec<u8> {
        use md5::Digest;
        match &self.core {
            Core::Md5(h) => h.clone().finalize().to_vec(),
            Core::Sha1(h) => h.clone().finalize().to_vec(),
            Core::Sha224(h) => h.clone().finalize().to_vec(),
            Core::Sha256(h) => h.clone().finalize().to_vec(),
            Core::Sha384(h) => h.clone().finalize().to_vec(),
            Core::Sha512(h) => h.clone().finalize().to_vec(),
            Core::Sha3_224(h) => h.clone().finalize().to_vec(),
            Core::Sha3_256(h) => h.clone().finalize().to_vec(),
            Core::Sha3_384(h) => h.clone().finalize().to_vec(),
            Core::Sha3_512(h) => h.clone().finalize().to_vec(),
            Core::Shake128(h) => h.clone().finalize_boxed(len).into_vec(),
            Core::Shake256(h) => h.clone().finalize_boxed(len).into_vec(),
            Core::Blake2b(h) => h.finalize().as_bytes().to_vec(),
            Core::Blake2s(h) => h.finalize().as_bytes().to_vec(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

/// `self` of a method of algorithm `K`'s class, or the descriptor's TypeError.
fn me<const K: usize>(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<&'static mut Hash> {
    let a = &ALGOS[K];
    let Some(&v) = args.pos.first() else {
        return Err(vm.type_error(format!(
            "unbound method {}.{}() needs an argument",
            a.name, meth
        )));
    };
    match native_state::<Hash>(v) {
        Some(h) if h.kind == K => Ok(h),
        _ => {
            let msg = format!(
                "descriptor '{}' for '{}.{}' objects doesn't apply to a '{}' object",
                meth,
                a.module,
                a.name,
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// The bytes of data to hash, with CPython's errors for str and the rest.
fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = ops::convert::bytes_of(v) {
        return Ok(b);
    }
    if ops::str_of(v).is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    Err(vm.type_error("object supporting the buffer API required"))
}

/// A C `int` parameter (through `__index__`).
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = ops::convert::index_value(vm, v)?;
    match num_of(i) {
        Some(Num::Small(n)) if i32::try_from(n).is_ok() => Ok(n),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// A C unsigned parameter: ints only, negative ones refused as CPython's
/// unsigned converters do; `overflow` is the message past 64 bits.
fn c_unsigned(vm: &mut Vm, v: Value, overflow: &str) -> PyResult<u64> {
    let n = match num_of(v) {
        Some(Num::Small(n)) => n.into(),
        Some(Num::Big(b)) => b.clone(),
        _ => return Err(vm.type_error("an integer is required")),
    };
    if n.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    n.to_u64().ok_or_else(|| vm.overflow_error(overflow))
}

/// Evaluate `usedforsecurity` (a `bool` parameter: any object's truth).
fn security_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<()> {
    if let Some(v) = v {
        ops::truthy(vm, v)?;
    }
    Ok(())
}

fn new_hash(vm: &mut Vm, cls: Value, h: Hash, data: Option<Vec<u8>>) -> Value {
    let mut h = h;
    if let Some(d) = data {
        h.update(&d);
    }
    vm.new_native_object(cls, h)
}

/// `_md5.md5(string=b'', *, usedforsecurity=True)` and the other
/// constructor functions of `_md5`, `_sha1`, `_sha256` and `_sha512`.
fn construct<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = keywords(
        vm,
        ALGOS[K].name,
        args.pos,
        &args,
        &["string", "usedforsecurity"],
        0,
        1,
    )?;
    security_arg(vm, a[1])?;
    let data = match a[0] {
        Some(v) => Some(data_arg(vm, v)?),
        None => None,
    };
    let cls = super::native::class(vm, ALGOS[K].name);
    Ok(new_hash(vm, cls, Hash::new(K), data))
}

/// `__new__` of the classes behind the constructor functions.
fn no_new<const K: usize>(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let a = &ALGOS[K];
    Err(vm.type_error(format!("cannot create '{}.{}' instances", a.module, a.name)))
}

/// CPython's hash types cannot be subclassed; molt's native classes can,
/// so the refusal comes from `__init_subclass__`, with CPython's message.
fn no_subclass<const K: usize>(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let a = &ALGOS[K];
    Err(vm.type_error(format!(
        "type '{}.{}' is not an acceptable base type",
        a.module, a.name
    )))
}

/// `_sha3.sha3_256.__new__(cls, data=b'', /, *, usedforsecurity=True)`.
fn sha3_new<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = new_args(vm, &args, ALGOS[K].name)?;
    // CPython names every SHA-3 constructor sha3_224 in these messages.
    let a = keywords(
        vm,
        "sha3_224",
        rest,
        &args,
        &["\0data", "usedforsecurity"],
        0,
        1,
    )?;
    security_arg(vm, a[1])?;
    let data = match a[0] {
        Some(v) => Some(data_arg(vm, v)?),
        None => None,
    };
    Ok(new_hash(vm, cls, Hash::new(K), data))
}

const BLAKE2_PARAMS: &[&str] = &[
    "\0data",
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

/// `_blake2.blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'',
/// person=b'', fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0,
/// inner_size=0, last_node=False, usedforsecurity=True)`, and `blake2s`
/// with half the sizes.
fn blake2_new<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = ALGOS[K].name;
    let (cls, rest) = new_args(vm, &args, name)?;
    let a = keywords(vm, name, rest, &args, BLAKE2_PARAMS, 0, 1)?;
    let big = K == BLAKE2B;
    let (max_out, max_salt) = if big { (64, 16) } else { (32, 8) };

    // Convert every argument first, then check the values, as CPython.
    let int_or = |vm: &mut Vm, v: Option<Value>, d: i64| match v {
        Some(v) => c_int(vm, v),
        None => Ok(d),
    };
    let buf_or = |vm: &mut Vm, v: Option<Value>| match v {
        Some(v) => buffer_arg(vm, v),
        None => Ok(Vec::new()),
    };
    let digest_size = int_or(vm, a[1], max_out as i64)?;
    let key = buf_or(vm, a[2])?;
    let salt = buf_or(vm, a[3])?;
    let person = buf_or(vm, a[4])?;
    let fanout = int_or(vm, a[5], 1)?;
    let depth = int_or(vm, a[6], 1)?;
    let leaf_size = match a[7] {
        Some(v) => c_unsigned(vm, v, "Python int too large to convert to C unsigned long")?,
        None => 0,
    };
    let node_offset = match a[8] {
        Some(v) => c_unsigned(vm, v, "int too big to convert")?,
        None => 0,
    };
    let node_depth = int_or(vm, a[9], 0)?;
    let inner_size = int_or(vm, a[10], 0)?;
    let last_node = match a[11] {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    security_arg(vm, a[12])?;

    if digest_size < 1 || digest_size > max_out as i64 {
        let msg = format!("digest_size must be between 1 and {} bytes", max_out);
        return Err(vm.value_error(msg));
    }
    if salt.len() > max_salt {
        let msg = format!("maximum salt length is {} bytes", max_salt);
        return Err(vm.value_error(msg));
    }
    if person.len() > max_salt {
        let msg = format!("maximum person length is {} bytes", max_salt);
        return Err(vm.value_error(msg));
    }
    if !(0..=255).contains(&fanout) {
        return Err(vm.value_error("fanout must be between 0 and 255"));
    }
    if !(1..=255).contains(&depth) {
        return Err(vm.value_error("depth must be between 1 and 255"));
    }
    let Ok(leaf_size) = u32::try_from(leaf_size) else {
        return Err(vm.overflow_error("leaf_size is too large"));
    };
    if !big && node_offset >= 1 << 48 {
        return Err(vm.overflow_error("node_offset is too large"));
    }
    if !(0..=255).contains(&node_depth) {
        return Err(vm.value_error("node_depth must be between 0 and 255"));
    }
    if inner_size < 0 || inner_size > max_out as i64 {
        let msg = format!("inner_size must be between 0 and is {}", max_out);
        return Err(vm.value_error(msg));
    }
    if key.len() > max_out {
        let msg = format!("maximum key length is {} bytes", max_out);
        return Err(vm.value_error(msg));
    }
    let data = match a[0] {
        Some(v) => Some(data_arg(vm, v)?),
        None => None,
    };

    // Every value is in range now, so the crates' assertions hold.
    let core = if big {
        let mut p = blake2b_simd::Params::new();
        p.hash_length(digest_size as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(fanout as u8)
            .max_depth(depth as u8)
            .max_leaf_length(leaf_size)
            .node_offset(node_offset)
            .node_depth(node_depth as u8)
            .inner_hash_length(inner_size as usize)
            .last_node(last_node);
        Core::Blake2b(p.to_state())
    } else {
        let mut p = blake2s_simd::Params::new();
        p.hash_length(digest_size as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(fanout as u8)
            .max_depth(depth as u8)
            .max_leaf_length(leaf_size)
            .node_offset(node_offset)
            .node_depth(node_depth as u8)
            .inner_hash_length(inner_size as usize)
            .last_node(last_node);
        Core::Blake2s(p.to_state())
    };
    let h = Hash {
        kind: K,
        core,
        digest_size: digest_size as usize,
    };
    Ok(new_hash(vm, cls, h, data))
}

fn qual<const K: usize>(meth: &str) -> String {
    format!("{}.{}", ALGOS[K].name, meth)
}

fn h_update<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    me::<K>(vm, &args, "update")?;
    let v = one_arg(vm, &args, &qual::<K>("update"))?;
    let data = data_arg(vm, v)?;
    me::<K>(vm, &args, "update")?.update(&data);
    Ok(Value::NONE)
}

/// The digest of `self`; for the SHAKEs, of the length argument.
fn digest_of<const K: usize>(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<Vec<u8>> {
    let h = me::<K>(vm, args, meth)?;
    if !is_shake(K) {
        no_args(vm, args, &qual::<K>(meth))?;
        return Ok(h.digest(0));
    }
    let v = one_arg(vm, args, &qual::<K>(meth))?;
    let n = c_unsigned(vm, v, "Python int too large to convert to C unsigned long")?;
    if n >= 1 << 29 {
        return Err(vm.value_error("length is too large"));
    }
    Ok(me::<K>(vm, args, meth)?.digest(n as usize))
}

fn h_digest<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = digest_of::<K>(vm, &args, "digest")?;
    Ok(vm.new_bytes(d))
}

fn h_hexdigest<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = digest_of::<K>(vm, &args, "hexdigest")?;
    Ok(vm.new_string(hex(&d)))
}

fn h_copy<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = me::<K>(vm, &args, "copy")?.clone();
    // The MD5/SHA-1/SHA-2 copy() takes the defining class (METH_METHOD),
    // which words its error without the class.
    if K <= SHA512 && (args.pos.len() > 1 || args.has_kw()) {
        return Err(vm.type_error("copy() takes no arguments"));
    }
    no_args(vm, &args, &qual::<K>("copy"))?;
    let cls = molt_vm::class::type_of(vm, args.pos[0]);
    Ok(vm.new_native_object(cls, h))
}

fn h_name<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    me::<K>(vm, &args, "name")?;
    Ok(vm.new_str(ALGOS[K].name))
}

fn h_digest_size<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = me::<K>(vm, &args, "digest_size")?.digest_size;
    Ok(vm.new_int(n as i64))
}

fn h_block_size<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    me::<K>(vm, &args, "block_size")?;
    Ok(vm.new_int(ALGOS[K].block_size as i64))
}

/// Keccak's capacity in bits: 1600 minus the rate (the block size).
fn h_capacity_bits<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    me::<K>(vm, &args, "_capacity_bits")?;
    Ok(vm.new_int(1600 - 8 * ALGOS[K].block_size as i64))
}

fn h_rate_bits<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    me::<K>(vm, &args, "_rate_bits")?;
    Ok(vm.new_int(8 * ALGOS[K].block_size as i64))
}

/// The domain-separation byte: SHA-3's 0b01 or SHAKE's 0b1111, padded.
fn h_suffix<const K: usize>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    me::<K>(vm, &args, "_suffix")?;
    let b = if is_shake(K) { 0x1f } else { 0x06 };
    Ok(vm.new_bytes(vec![b]))
}

/// Make algorithm `K`'s class in module `m`.
fn register<const K: usize>(vm: &mut Vm, m: Value) -> Value {
    let a = &ALGOS[K];
    let cls = new_class(vm, a.module, a.name, &[], Layout::Object, false);
    let new: NativeFn = if is_sha3(K) {
        sha3_new::<K>
    } else if K == BLAKE2B || K == BLAKE2S {
        blake2_new::<K>
    } else {
        no_new::<K>
    };
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", new),
        ("update", h_update::<K>),
        ("digest", h_digest::<K>),
        ("hexdigest", h_hexdigest::<K>),
        ("copy", h_copy::<K>),
    ];
    super::native::methods(vm, cls, methods);
    super::native::classmethod(vm, cls, "__init_subclass__", no_subclass::<K>);
    super::native::getter(vm, cls, "name", h_name::<K>);
    super::native::getter(vm, cls, "digest_size", h_digest_size::<K>);
    super::native::getter(vm, cls, "block_size", h_block_size::<K>);
    if is_sha3(K) {
        super::native::getter(vm, cls, "_capacity_bits", h_capacity_bits::<K>);
        super::native::getter(vm, cls, "_rate_bits", h_rate_bits::<K>);
        super::native::getter(vm, cls, "_suffix", h_suffix::<K>);
    }
    if K == BLAKE2B || K == BLAKE2S {
        let (out, salt) = if K == BLAKE2B { (64, 16) } else { (32, 8) };
        for (n, v) in [
            ("SALT_SIZE", salt),
            ("PERSON_SIZE", salt),
            ("MAX_KEY_SIZE", out),
            ("MAX_DIGEST_SIZE", out),
        ] {
            let v = vm.new_int(v);
            vm.set_attr_str(cls, n, v);
        }
    }
    if is_sha3(K) || K == BLAKE2B || K == BLAKE2S {
        // These classes are the constructors.
        set(vm, m, a.name, cls);
    } else {
        vm.add_native(m, a.name, construct::<K>);
    }
    cls
}

pub fn md5_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_md5");
    let c = register::<MD5>(vm, m);
    set(vm, m, "MD5Type", c);
    Ok(m)
}

pub fn sha1_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_sha1");
    let c = register::<SHA1>(vm, m);
    set(vm, m, "SHA1Type", c);
    Ok(m)
}

pub fn sha256_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_sha256");
    let c = register::<SHA224>(vm, m);
    set(vm, m, "SHA224Type", c);
    let c = register::<SHA256>(vm, m);
    set(vm, m, "SHA256Type", c);
    Ok(m)
}

pub fn sha512_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_sha512");
    // CPython 3.11 has only one Type name here, and it names sha512's class.
    register::<SHA384>(vm, m);
    let c = register::<SHA512>(vm, m);
    set(vm, m, "SHA384Type", c);
    Ok(m)
}

pub fn sha3_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_sha3");
    register::<SHA3_224>(vm, m);
    register::<SHA3_256>(vm, m);
    register::<SHA3_384>(vm, m);
    register::<SHA3_512>(vm, m);
    register::<SHAKE128>(vm, m);
    register::<SHAKE256>(vm, m);
    let s = vm.new_str("tiny_sha3");
    set(vm, m, "implementation", s);
    set(vm, m, "keccakopt", Value::small_int_unchecked(0));
    Ok(m)
}

pub fn blake2_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_blake2");
    register::<BLAKE2B>(vm, m);
    register::<BLAKE2S>(vm, m);
    for (n, v) in [
        ("BLAKE2B_SALT_SIZE", 16),
        ("BLAKE2B_PERSON_SIZE", 16),
        ("BLAKE2B_MAX_KEY_SIZE", 64),
        ("BLAKE2B_MAX_DIGEST_SIZE", 64),
        ("BLAKE2S_SALT_SIZE", 8),
        ("BLAKE2S_PERSON_SIZE", 8),
        ("BLAKE2S_MAX_KEY_SIZE", 32),
        ("BLAKE2S_MAX_DIGEST_SIZE", 32),
    ] {
        let v = vm.new_int(v);
        set(vm, m, n, v);
    }
    Ok(m)
}
