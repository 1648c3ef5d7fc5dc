//! `_random`: the Mersenne Twister (MT19937) behind `random.Random`, giving
//! CPython's numbers for the same seed.
//!
//! The generator is the published algorithm of Matsumoto and Nishimura:
//! 624 words of state, the tempering of each output word, and its two
//! seeding routines (from one word, and from an array of words, which
//! CPython uses for every seed).  `random.py` builds the distributions
//! on `random()` and `getrandbits()`.

use super::native::{new_class, no_args, one_arg, positional, this};
use super::set;
use molt_vm::class::{lookup, type_of};
use molt_vm::object::{Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

struct Mt {
    state: [u32; N],
    /// The next word of `state` to hand out; `N` means "twist first".
    index: usize,
}
impl NativeState for Mt {}

impl Mt {
    /// A fresh object is all zeros at index 0 until seeded, as in CPython
    /// (a subclass whose `__init__` skips seeding sees this).
    fn zero() -> Mt {
        Mt {
            state: [0; N],
            index: 0,
        }
    }

    fn seed_word(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn seed_array(&mut self, key: &[u32]) {
        self.seed_word(19_650_218);
        let mut i = 1;
        let mut j = 0;
        let mix = |s: &[u32; N], i: usize, mult: u32| {
            let prev = s[i - 1];
            s[i] ^ (prev ^ (prev >> 30)).wrapping_mul(mult)
        };
        for _ in 0..N.max(key.len()) {
            self.state[i] = mix(&self.state, i, 1_664_525)
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            self.state[i] = mix(&self.state, i, 1_566_083_941).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        // The most significant bit is set so the state is never all zero.
        self.state[0] = 0x8000_0000;
    }

    /// Regenerate the 624 words (the "twist").
    fn twist(&mut self) {
        for k in 0..N {
            let y = (self.state[k] & UPPER_MASK) | (self.state[(k + 1) % N] & LOWER_MASK);
            let mag = if y & 1 != 0 { MATRIX_A } else { 0 };
            self.state[k] = self.state[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits (27 from one word, 26 from
    /// the next).
    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}

const CLS: &str = "_random.Random";

fn mt(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<&'static mut Mt> {
    this::<Mt>(vm, args, CLS, meth).map(|(_, s)| s)
}

/// Seed words from the operating system (CPython reads 624 words from
/// urandom), or from the clock and pid if that fails.
fn os_seed() -> Vec<u32> {
    let mut buf = vec![0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf))
        .is_ok();
    if ok {
        return buf
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    vec![
        t as u32,
        (t >> 32) as u32,
        std::process::id(),
        (t >> 64) as u32,
    ]
}

/// Seed `me` from `arg`: None from the OS, an int from its absolute value,
/// anything else from its hash (as an unsigned word).
fn seed(vm: &mut Vm, me: Value, arg: Option<Value>) -> PyResult<()> {
    let key: Vec<u32> = match arg {
        None => os_seed(),
        Some(v) if v.is_none() => os_seed(),
        Some(v) => {
            let n: BigUint = match num_of(v) {
                Some(Num::Small(i)) if !v.is_float() => BigUint::from(i.unsigned_abs()),
                Some(Num::Big(b)) => b.abs().to_biguint().unwrap_or_default(),
                _ => BigUint::from(ops::hash(vm, v)? as u64),
            };
            let words = n.to_u32_digits();
            if words.is_empty() {
                vec![0]
            } else {
                words
            }
        }
    };
    let st = mt(vm, &Args::new(&[me]), "seed")?;
    st.seed_array(&key);
    Ok(())
}

/// `Random.__new__` accepts any arguments (`__init__` checks them) and
/// leaves the generator unseeded.
fn random_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, _) = super::native::new_args(vm, &args, "Random")?;
    Ok(vm.new_native_object(cls, Mt::zero()))
}

fn random_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = this::<Mt>(vm, &args, CLS, "__init__")?;
    // Keywords are refused unless a subclass has its own `__init__`.
    if args.has_kw() {
        let base = super::native::class(vm, "Random");
        let cls = type_of(vm, me);
        let own = lookup(vm, base, vm.names.__init__);
        let theirs = lookup(vm, cls, vm.names.__init__);
        let same = match (own, theirs) {
            (Some(a), Some(b)) => a.is(b),
            _ => false,
        };
        if cls.is(base) || same {
            return Err(vm.type_error("Random() takes no keyword arguments"));
        }
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    seed(vm, me, args.pos.get(1).copied())?;
    Ok(Value::NONE)
}

fn random_seed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = this::<Mt>(vm, &args, CLS, "seed")?;
    if args.has_kw() {
        return Err(vm.type_error("Random.seed() takes no keyword arguments"));
    }
    let a = positional(vm, "seed", &args.pos[1..], &args, 0, 1)?;
    seed(vm, me, a.first().copied())?;
    Ok(Value::NONE)
}

fn random_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = mt(vm, &args, "random")?;
    no_args(vm, &args, "Random.random")?;
    Ok(Value::float(st.random()))
}

fn random_getrandbits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    mt(vm, &args, "getrandbits")?;
    let v = one_arg(vm, &args, "Random.getrandbits")?;
    let k = ops::convert::index_value(vm, v)?;
    let k = match num_of(k) {
        Some(Num::Small(n)) if i32::try_from(n).is_ok() => n,
        _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
    };
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let st = mt(vm, &args, "getrandbits")?;
    if k == 0 {
        return Ok(Value::small_int_unchecked(0));
    }
    if k <= 32 {
        let w = st.next_u32() >> (32 - k);
        return Ok(vm.new_int(w as i64));
    }
    // Whole words, least significant first; the last one keeps its top bits.
    let mut words = Vec::with_capacity(((k - 1) / 32 + 1) as usize);
    let mut left = k;
    while left > 0 {
        let mut w = st.next_u32();
        if left < 32 {
            w >>= 32 - left;
        }
        words.push(w);
        left -= 32;
    }
    let n = BigInt::from_slice(Sign::Plus, &words);
    Ok(vm.new_bigint(n))
}

fn random_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = mt(vm, &args, "getstate")?;
    no_args(vm, &args, "Random.getstate")?;
    let words: Vec<u32> = st.state.to_vec();
    let index = st.index;
    let mut items: Vec<Value> = words.into_iter().map(|w| vm.new_int(w as i64)).collect();
    items.push(vm.new_int(index as i64));
    Ok(vm.new_tuple(items))
}

fn random_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    mt(vm, &args, "setstate")?;
    let state = one_arg(vm, &args, "Random.setstate")?;
    let Some(items) = ops::tuple_items(state) else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, &v) in words.iter_mut().zip(items) {
        let n = match num_of(v) {
            Some(Num::Small(i)) if !v.is_float() => BigInt::from(i),
            Some(Num::Big(b)) => b.clone(),
            _ => return Err(vm.type_error("an integer is required")),
        };
        if n.is_negative() {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        // CPython reads an unsigned long and keeps its low 32 bits.
        let Some(u) = n.to_u64() else {
            return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
        };
        *w = u as u32;
    }
    let iv = ops::convert::index_value(vm, items[N])?;
    let index = match num_of(iv) {
        Some(Num::Small(i)) => i,
        _ => return Err(vm.overflow_error("Python int too large to convert to C long")),
    };
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    let st = mt(vm, &args, "setstate")?;
    st.state = words;
    st.index = index as usize;
    Ok(Value::NONE)
}

pub fn random_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_random");
    let cls = new_class(vm, "_random", "Random", &[], Layout::Object, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", random_new),
        ("__init__", random_init),
        ("seed", random_seed),
        ("random", random_random),
        ("getrandbits", random_getrandbits),
        ("getstate", random_getstate),
        ("setstate", random_setstate),
    ];
    super::native::methods(vm, cls, methods);
    set(vm, m, "Random", cls);
    Ok(m)
}
