//! The handle table: how code outside the native heap (wasm guests, offload
//! workers, embedding hosts) holds Python objects.
//!
//! A [`Handle`] is a 64-bit integer naming a slot of the table:
//!
//! | bits    | field      | meaning                                          |
//! |---------|------------|--------------------------------------------------|
//! | 63..32  | generation | which occupant of the slot (1..=`u32::MAX`; 0 is never issued) |
//! | 31..24  | shard      | which shard (at most 256)                        |
//! | 23..0   | index      | slot within the shard (at most 2^24 per shard)   |
//!
//! Generation 0 is never issued, so the all-zero word ([`Handle::NULL`]) and
//! anything else with a zero generation is never a valid handle.  A slot's
//! generation grows by one each time the slot is reused; a slot whose
//! generation reaches the limit is retired instead of wrapping, so a given
//! (shard, index, generation) triple is issued at most once in the life of a
//! table and a released handle can never come back to life.
//!
//! Exporting a value stores it in a slot; the value is a GC root until the
//! handle is released (the collector reads the table through
//! [`HandleTable::for_each_live`]).  Resolving or releasing a handle that was
//! released, whose slot was reused, that names a slot or shard that does not
//! exist, or that was simply made up, returns a [`HandleError`]: handles are
//! untrusted input, and nothing here dereferences anything.
//!
//! Each shard is a mutex around a slot vector and a free list.  An export
//! goes to the shard of the exporting thread (threads are numbered in the
//! order they first export, modulo the shard count), so threads that export
//! do not contend; resolution and release go to the handle's own shard and
//! work from any thread.
//!
//! Thread safety: the table holds `Value`s only as words (a `Value` is a
//! plain `u64`) and never dereferences them, so it is `Send + Sync` with no
//! unsafe code.  Pointer values are dereferenced only by the VM's thread, as
//! everywhere in the VM; other threads treat them as opaque words.  The
//! collector snapshots the live handles with every shard locked at once, so
//! the snapshot is atomic: an object that some handle names continuously
//! (a new handle to it exported or duplicated before the old one is
//! released) is marked, whichever shards those handles live in.

use crate::value::Value;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Bits of a handle that select the slot within its shard.
pub const INDEX_BITS: u32 = 24;
/// Bits of a handle that select the shard.
pub const SHARD_BITS: u32 = 8;
/// Bits of a handle that carry the slot's generation.
pub const GENERATION_BITS: u32 = 32;

const SHARD_SHIFT: u32 = INDEX_BITS;
const GENERATION_SHIFT: u32 = INDEX_BITS + SHARD_BITS;
const INDEX_MASK: u64 = (1 << INDEX_BITS) - 1;
const SHARD_MASK: u64 = (1 << SHARD_BITS) - 1;

/// The most shards a table can have.
pub const MAX_SHARDS: usize = 1 << SHARD_BITS;
/// The most slots one shard can have.
pub const MAX_SLOTS_PER_SHARD: usize = 1 << INDEX_BITS;
/// Shards of a table made by [`HandleTable::new`].
pub const DEFAULT_SHARDS: usize = 16;

/// A reference to an exported value, as an integer.  Any `u64` can be turned
/// into a `Handle`; the table decides whether it names anything.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
#[repr(transparent)]
pub struct Handle(u64);

impl Handle {
    /// Never valid (generation 0).
    pub const NULL: Handle = Handle(0);

    fn new(shard: usize, index: usize, generation: u32) -> Handle {
        Handle(
            (generation as u64) << GENERATION_SHIFT
                | (shard as u64 & SHARD_MASK) << SHARD_SHIFT
                | (index as u64 & INDEX_MASK),
        )
    }

    /// A handle from its integer form (as received from a guest or host).
    pub const fn from_bits(bits: u64) -> Handle {
        Handle(bits)
    }

    /// The integer form, to hand to a guest or host.
    pub const fn to_bits(self) -> u64 {
        self.0
    }

    pub const fn shard(self) -> usize {
        ((self.0 >> SHARD_SHIFT) & SHARD_MASK) as usize
    }

    pub const fn index(self) -> usize {
        (self.0 & INDEX_MASK) as usize
    }

    pub const fn generation(self) -> u32 {
        (self.0 >> GENERATION_SHIFT) as u32
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "handle {}:{}:{}",
            self.shard(),
            self.index(),
            self.generation()
        )
    }
}

/// Why a handle operation failed.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum HandleError {
    /// The handle was issued by this table, but has been released (its slot
    /// may since hold another value under a newer generation).
    Stale,
    /// The handle was never issued: generation 0, a slot index the shard
    /// never had, or a generation newer than the slot ever reached.
    Invalid,
    /// The handle's shard bits name a shard this table does not have.
    WrongShard,
    /// Every slot the table may have is in use (export and dup only).
    Exhausted,
}

impl fmt::Display for HandleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HandleError::Stale => "stale handle (already released)",
            HandleError::Invalid => "invalid handle (never issued)",
            HandleError::WrongShard => "invalid handle (no such shard)",
            HandleError::Exhausted => "handle table full",
        })
    }
}

impl std::error::Error for HandleError {}

/// `Slot::next` of a slot holding a live value.
const LIVE: u32 = u32::MAX;
/// `Slot::next` ending the free list (and `ShardData::free` when it is empty).
const NIL: u32 = u32::MAX - 1;
/// `Slot::next` of a slot whose generations are used up: never reused.
const RETIRED: u32 = u32::MAX - 2;

struct Slot {
    /// The exported value while live; NONE otherwise.
    value: Value,
    /// Generation of the current occupant, or of the last one when free.
    /// Generations `1..=generation` have been issued for this slot.
    generation: u32,
    /// LIVE, RETIRED, or the next free slot (NIL at the end).
    next: u32,
}

struct ShardData {
    slots: Vec<Slot>,
    free: u32,
    live: usize,
}

/// One shard, on its own cache lines so that threads working in different
/// shards do not share them.
#[repr(align(128))]
struct Shard(Mutex<ShardData>);

impl Shard {
    fn lock(&self) -> MutexGuard<'_, ShardData> {
        // Nothing panics while a shard is locked except a caller's closure in
        // `for_each_live`, which only reads: the data is consistent anyway.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl ShardData {
    /// The live slot `h` names (its shard already chosen).
    fn live_slot(&mut self, h: Handle) -> Result<&mut Slot, HandleError> {
        let generation = h.generation();
        let slot = self.slots.get_mut(h.index()).ok_or(HandleError::Invalid)?;
        if generation > slot.generation {
            Err(HandleError::Invalid)
        } else if generation < slot.generation || slot.next != LIVE {
            Err(HandleError::Stale)
        } else {
            Ok(slot)
        }
    }

    fn insert(&mut self, shard: usize, value: Value, max_slots: usize) -> Option<Handle> {
        let index = if self.free != NIL {
            let i = self.free as usize;
            let slot = &mut self.slots[i];
            self.free = slot.next;
            // Slots on the free list are below the generation limit.
            slot.generation += 1;
            slot.value = value;
            slot.next = LIVE;
            i
        } else if self.slots.len() < max_slots {
            self.slots.push(Slot {
                value,
                generation: 1,
                next: LIVE,
            });
            self.slots.len() - 1
        } else {
            return None;
        };
        self.live += 1;
        Some(Handle::new(shard, index, self.slots[index].generation))
    }
}

static NEXT_THREAD: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static THREAD_NUMBER: usize = NEXT_THREAD.fetch_add(1, Ordering::Relaxed);
}

/// This thread's number, which picks its shard for exports.
fn thread_number() -> usize {
    THREAD_NUMBER.try_with(|n| *n).unwrap_or(0)
}

/// The sharded table of exported values.  Shared between threads (the VM
/// keeps it in an `Arc`).
pub struct HandleTable {
    shards: Box<[Shard]>,
    max_slots: usize,
    max_generation: u32,
}

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<HandleTable>();
};

impl Default for HandleTable {
    fn default() -> Self {
        HandleTable::new()
    }
}

impl HandleTable {
    /// A table with [`DEFAULT_SHARDS`] shards.
    pub fn new() -> HandleTable {
        HandleTable::with_shards(DEFAULT_SHARDS)
    }

    /// A table with `shards` shards, rounded up to a power of two in
    /// `1..=MAX_SHARDS`.
    pub fn with_shards(shards: usize) -> HandleTable {
        HandleTable::with_limits(shards, MAX_SLOTS_PER_SHARD)
    }

    /// A table with `shards` shards (as for [`HandleTable::with_shards`])
    /// each of at most `slots_per_shard` live handles (clamped to
    /// `1..=MAX_SLOTS_PER_SHARD`): a host's cap on what a guest may pin.
    pub fn with_limits(shards: usize, slots_per_shard: usize) -> HandleTable {
        HandleTable::build(shards, slots_per_shard, u32::MAX)
    }

    /// As [`HandleTable::with_limits`], and a slot is retired once
    /// `max_generation` (at least 1) handles have been issued for it.  A host
    /// that packs handles into fewer bits (the wasm tier keeps 16 bits of
    /// generation inside a NaN-boxed word) sets the limit to what it can
    /// represent, so that a stale handle still never names a newer value.
    pub fn with_generation_limit(
        shards: usize,
        slots_per_shard: usize,
        max_generation: u32,
    ) -> HandleTable {
        HandleTable::build(shards, slots_per_shard, max_generation)
    }

    fn build(shards: usize, slots_per_shard: usize, max_generation: u32) -> HandleTable {
        let n = shards.clamp(1, MAX_SHARDS).next_power_of_two();
        HandleTable {
            shards: (0..n)
                .map(|_| {
                    Shard(Mutex::new(ShardData {
                        slots: Vec::new(),
                        free: NIL,
                        live: 0,
                    }))
                })
                .collect(),
            max_slots: slots_per_shard.clamp(1, MAX_SLOTS_PER_SHARD),
            max_generation: max_generation.max(1),
        }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    fn shard_of(&self, h: Handle) -> Result<&Shard, HandleError> {
        if h.generation() == 0 {
            return Err(HandleError::Invalid);
        }
        self.shards.get(h.shard()).ok_or(HandleError::WrongShard)
    }

    /// Pin `value` and return a new handle to it, from this thread's shard
    /// (or the next one with room).  Exporting the same value twice gives two
    /// handles, each released on its own.
    pub fn export(&self, value: Value) -> Result<Handle, HandleError> {
        let n = self.shards.len();
        let start = thread_number();
        for k in 0..n {
            let s = start.wrapping_add(k) & (n - 1);
            if let Some(h) = self.shards[s].lock().insert(s, value, self.max_slots) {
                return Ok(h);
            }
        }
        Err(HandleError::Exhausted)
    }

    /// The value `h` names, if `h` is live.  The value stays pinned only as
    /// long as some handle to it does.
    pub fn resolve(&self, h: Handle) -> Result<Value, HandleError> {
        let shard = self.shard_of(h)?;
        let mut data = shard.lock();
        data.live_slot(h).map(|slot| slot.value)
    }

    /// Unpin: `h` and every copy of its integer become stale.
    pub fn release(&self, h: Handle) -> Result<(), HandleError> {
        let shard = self.shard_of(h)?;
        let mut data = shard.lock();
        let free = data.free;
        let slot = data.live_slot(h)?;
        slot.value = Value::NONE;
        let index = h.index() as u32;
        if slot.generation >= self.max_generation {
            slot.next = RETIRED;
        } else {
            slot.next = free;
            data.free = index;
        }
        data.live -= 1;
        Ok(())
    }

    /// A second handle to the value `h` names, released independently.  It
    /// is made in `h`'s shard under one lock, so the value stays pinned even
    /// if another thread releases `h` at the same time.
    pub fn dup(&self, h: Handle) -> Result<Handle, HandleError> {
        let shard = self.shard_of(h)?;
        let mut data = shard.lock();
        let value = data.live_slot(h)?.value;
        data.insert(h.shard(), value, self.max_slots)
            .ok_or(HandleError::Exhausted)
    }

    /// Live handles (a snapshot: other threads may change it at once).
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().live).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Call `f` on the value of every live handle: the collector's roots.
    /// Every shard is locked for the whole walk (in shard order; every other
    /// operation holds one shard lock at a time), so the walk sees one
    /// instant of the table.  `f` must not use the table.
    pub fn for_each_live(&self, mut f: impl FnMut(Value)) {
        let guards: Vec<MutexGuard<'_, ShardData>> = self.shards.iter().map(|s| s.lock()).collect();
        for data in &guards {
            for slot in &data.slots {
                if slot.next == LIVE {
                    f(slot.value);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{HashMap, HashSet};

    fn int(i: i64) -> Value {
        Value::small_int(i).unwrap()
    }

    #[test]
    fn layout() {
        let h = Handle::new(5, 1234, 77);
        assert_eq!((h.shard(), h.index(), h.generation()), (5, 1234, 77));
        assert_eq!(Handle::from_bits(h.to_bits()), h);
        assert_eq!(Handle::NULL.generation(), 0);
        let t = HandleTable::new();
        assert_eq!(t.resolve(Handle::NULL), Err(HandleError::Invalid));
        assert_eq!(t.release(Handle::NULL), Err(HandleError::Invalid));
        assert_eq!(t.dup(Handle::NULL), Err(HandleError::Invalid));
    }

    #[test]
    fn error_kinds() {
        let t = HandleTable::with_shards(4);
        let h = t.export(int(1)).unwrap();
        assert_ne!(h, Handle::NULL);
        assert_eq!(t.resolve(h), Ok(int(1)));
        // A shard the table does not have.
        let other = Handle::new(4 + h.shard() % 4, h.index(), h.generation());
        assert_eq!(t.resolve(other), Err(HandleError::WrongShard));
        // A slot the shard never had.
        let far = Handle::new(h.shard(), h.index() + 1, 1);
        assert_eq!(t.resolve(far), Err(HandleError::Invalid));
        // A generation the slot never reached.
        let future = Handle::new(h.shard(), h.index(), h.generation() + 1);
        assert_eq!(t.resolve(future), Err(HandleError::Invalid));
        t.release(h).unwrap();
        assert_eq!(t.resolve(h), Err(HandleError::Stale));
        assert_eq!(t.release(h), Err(HandleError::Stale));
        // The slot is reused under a new generation; the old handle stays stale.
        let h2 = t.export(int(2)).unwrap();
        assert_eq!((h2.shard(), h2.index()), (h.shard(), h.index()));
        assert_eq!(h2.generation(), h.generation() + 1);
        assert_eq!(t.resolve(h), Err(HandleError::Stale));
        assert_eq!(t.resolve(h2), Ok(int(2)));
        assert!(!t.is_empty() && t.len() == 1);
    }

    #[test]
    fn dup_is_independent() {
        let t = HandleTable::new();
        let a = t.export(int(9)).unwrap();
        let b = t.dup(a).unwrap();
        assert_ne!(a, b);
        t.release(a).unwrap();
        assert_eq!(t.resolve(b), Ok(int(9)));
        assert_eq!(t.dup(a), Err(HandleError::Stale));
        t.release(b).unwrap();
        assert!(t.is_empty());
    }

    #[test]
    fn exhausted_generations_retire_the_slot() {
        let t = HandleTable::build(1, 2, 3);
        let mut seen = HashSet::new();
        // Slot 0 can hold generations 1, 2 and 3, slot 1 likewise: six exports.
        for i in 0..6 {
            let h = t.export(int(i)).unwrap();
            assert!(seen.insert(h), "{h} issued twice");
            assert!(h.generation() <= 3);
            t.release(h).unwrap();
        }
        assert_eq!(t.export(int(7)), Err(HandleError::Exhausted));
        for h in &seen {
            assert_eq!(t.resolve(*h), Err(HandleError::Stale));
        }
    }

    #[test]
    fn full_shards_spill_then_exhaust() {
        let t = HandleTable::with_limits(2, 2);
        let hs: Vec<Handle> = (0..4).map(|i| t.export(int(i)).unwrap()).collect();
        assert_eq!(t.export(int(4)), Err(HandleError::Exhausted));
        assert_eq!(t.dup(hs[0]), Err(HandleError::Exhausted));
        for (i, h) in hs.iter().enumerate() {
            assert_eq!(t.resolve(*h), Ok(int(i as i64)));
        }
        let mut live = vec![];
        t.for_each_live(|v| live.push(v.as_small_int()));
        live.sort();
        assert_eq!(live, vec![0, 1, 2, 3]);
        t.release(hs[2]).unwrap();
        assert!(t.export(int(5)).is_ok());
    }

    #[test]
    fn shard_counts_are_powers_of_two() {
        assert_eq!(HandleTable::with_shards(0).shard_count(), 1);
        assert_eq!(HandleTable::with_shards(3).shard_count(), 4);
        assert_eq!(HandleTable::with_shards(10_000).shard_count(), MAX_SHARDS);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Export(i64),
        /// Index into the handles issued so far (modulo their number).
        Resolve(usize),
        Release(usize),
        Dup(usize),
        /// A made-up integer.
        Forge(u64),
        /// An issued handle with its shard, index or generation changed.
        Tamper(usize, u8, u32),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => (-1000i64..1000).prop_map(Op::Export),
            3 => any::<usize>().prop_map(Op::Resolve),
            3 => any::<usize>().prop_map(Op::Release),
            1 => any::<usize>().prop_map(Op::Dup),
            1 => any::<u64>().prop_map(Op::Forge),
            1 => (any::<usize>(), 0u8..3, 1u32..4).prop_map(|(i, f, d)| Op::Tamper(i, f, d)),
        ]
    }

    /// What the table should hold: the live handles and their values, and
    /// every handle ever issued.
    #[derive(Default)]
    struct Model {
        live: HashMap<Handle, Value>,
        issued: Vec<Handle>,
        issued_set: HashSet<Handle>,
    }

    impl Model {
        fn issue(&mut self, h: Handle, v: Value) -> Result<(), TestCaseError> {
            prop_assert!(h.generation() != 0);
            prop_assert!(self.issued_set.insert(h), "{} issued twice", h);
            self.issued.push(h);
            self.live.insert(h, v);
            Ok(())
        }

        /// The `k`th issued handle (modulo their number), if any.
        fn pick(&self, k: usize) -> Option<Handle> {
            (!self.issued.is_empty()).then(|| self.issued[k % self.issued.len()])
        }
    }

    /// Run `ops` against `t` and the model.
    fn check_model(t: &HandleTable, ops: &[Op]) -> Result<(), TestCaseError> {
        let mut m = Model::default();
        for op in ops {
            match *op {
                Op::Export(i) => match t.export(int(i)) {
                    Ok(h) => m.issue(h, int(i))?,
                    Err(e) => prop_assert_eq!(e, HandleError::Exhausted),
                },
                Op::Resolve(k) => {
                    let Some(h) = m.pick(k) else { continue };
                    match m.live.get(&h) {
                        Some(v) => prop_assert_eq!(t.resolve(h), Ok(*v)),
                        None => prop_assert_eq!(t.resolve(h), Err(HandleError::Stale)),
                    }
                }
                Op::Release(k) => {
                    let Some(h) = m.pick(k) else { continue };
                    match m.live.remove(&h) {
                        Some(_) => prop_assert_eq!(t.release(h), Ok(())),
                        None => prop_assert_eq!(t.release(h), Err(HandleError::Stale)),
                    }
                    prop_assert_eq!(t.resolve(h), Err(HandleError::Stale));
                }
                Op::Dup(k) => {
                    let Some(h) = m.pick(k) else { continue };
                    match (m.live.get(&h).copied(), t.dup(h)) {
                        (Some(v), Ok(d)) => {
                            prop_assert_eq!(d.shard(), h.shard());
                            m.issue(d, v)?;
                        }
                        (Some(_), Err(e)) => prop_assert_eq!(e, HandleError::Exhausted),
                        (None, r) => prop_assert_eq!(r, Err(HandleError::Stale)),
                    }
                }
                Op::Forge(bits) => {
                    let h = Handle::from_bits(bits);
                    match m.live.get(&h) {
                        Some(v) => prop_assert_eq!(t.resolve(h), Ok(*v)),
                        None => prop_assert!(t.resolve(h).is_err()),
                    }
                    if h.generation() == 0 {
                        prop_assert_eq!(t.resolve(h), Err(HandleError::Invalid));
                    }
                }
                Op::Tamper(k, field, delta) => {
                    let Some(h) = m.pick(k) else { continue };
                    let forged = match field {
                        0 => Handle::new(
                            (h.shard() + delta as usize) % MAX_SHARDS,
                            h.index(),
                            h.generation(),
                        ),
                        1 => Handle::new(h.shard(), h.index() + delta as usize, h.generation()),
                        _ => Handle::new(h.shard(), h.index(), h.generation().wrapping_add(delta)),
                    };
                    let r = t.resolve(forged);
                    match m.live.get(&forged) {
                        Some(v) => prop_assert_eq!(r, Ok(*v)),
                        None => {
                            prop_assert!(r.is_err());
                            if forged.shard() >= t.shard_count() {
                                prop_assert_eq!(r, Err(HandleError::WrongShard));
                            } else if field == 2 && !m.issued_set.contains(&forged) {
                                // Same slot, a generation it never reached.
                                prop_assert_eq!(r, Err(HandleError::Invalid));
                            }
                        }
                    }
                }
            }
            prop_assert_eq!(t.len(), m.live.len());
        }
        let mut roots: Vec<u64> = vec![];
        t.for_each_live(|v| roots.push(v.0));
        let mut want: Vec<u64> = m.live.values().map(|v| v.0).collect();
        roots.sort();
        want.sort();
        prop_assert_eq!(roots, want);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn matches_model(ops in prop::collection::vec(op(), 1..200), shards in 0usize..5) {
            check_model(&HandleTable::with_shards(1 << shards), &ops)?;
        }

        /// Tiny limits: slots are reused, retired and exhausted often.
        #[test]
        fn matches_model_under_tight_limits(
            ops in prop::collection::vec(op(), 1..300),
            shards in 1usize..3,
            slots in 1usize..4,
            generations in 1u32..4,
        ) {
            check_model(&HandleTable::build(shards, slots, generations), &ops)?;
        }
    }

    #[test]
    fn threads_keep_their_values() {
        for shards in [1, DEFAULT_SHARDS] {
            let t = HandleTable::with_shards(shards);
            let threads = 4i64;
            let rounds = 20_000i64;
            // Handles that each thread passes to the next one to resolve and release.
            let mailboxes: Vec<Mutex<Vec<(Handle, Value)>>> =
                (0..threads).map(|_| Mutex::new(Vec::new())).collect();
            std::thread::scope(|s| {
                for id in 0..threads {
                    let (t, mailboxes) = (&t, &mailboxes);
                    s.spawn(move || {
                        let mut mine: Vec<(Handle, Value)> = Vec::new();
                        for i in 0..rounds {
                            let v = int(id * 1_000_000 + i);
                            let h = t.export(v).unwrap();
                            mine.push((h, v));
                            if i % 3 == 0 {
                                let (h, v) = mine.swap_remove((i as usize * 7) % mine.len());
                                assert_eq!(t.resolve(h), Ok(v));
                                t.release(h).unwrap();
                                assert_eq!(t.resolve(h), Err(HandleError::Stale));
                            }
                            if i % 5 == 0 {
                                if let Some((h, v)) = mine.pop() {
                                    let d = t.dup(h).unwrap();
                                    t.release(h).unwrap();
                                    mailboxes[((id + 1) % threads) as usize]
                                        .lock()
                                        .unwrap()
                                        .push((d, v));
                                }
                            }
                            if i % 64 == 0 {
                                let inbox =
                                    std::mem::take(&mut *mailboxes[id as usize].lock().unwrap());
                                for (h, v) in inbox {
                                    assert_eq!(t.resolve(h), Ok(v));
                                    t.release(h).unwrap();
                                }
                            }
                        }
                        for (h, v) in mine {
                            assert_eq!(t.resolve(h), Ok(v));
                            t.release(h).unwrap();
                        }
                    });
                }
            });
            let left: usize = mailboxes.iter().map(|m| m.lock().unwrap().len()).sum();
            assert_eq!(t.len(), left);
            for m in &mailboxes {
                for (h, v) in m.lock().unwrap().drain(..) {
                    assert_eq!(t.resolve(h), Ok(v));
                    t.release(h).unwrap();
                }
            }
            assert!(t.is_empty());
        }
    }

    #[test]
    fn root_walk_is_atomic_with_respect_to_handoffs() {
        // A value is handed from shard to shard (exported again by another
        // thread, then the old handle released) while the roots are walked:
        // every walk must see it.
        let t = HandleTable::with_shards(8);
        let v = int(42);
        let first = t.export(v).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        let current = Mutex::new(first);
        // Two movers take turns, so the value goes back and forth between
        // their two shards.
        let turn = AtomicUsize::new(0);
        std::thread::scope(|s| {
            let movers: Vec<_> = (0..2)
                .map(|me| {
                    let (turn, current, t) = (&turn, &current, &t);
                    s.spawn(move || {
                        for _ in 0..20_000 {
                            while turn.load(Ordering::Acquire) % 2 != me {
                                std::thread::yield_now();
                            }
                            let mut cur = current.lock().unwrap();
                            let value = t.resolve(*cur).unwrap();
                            let next = t.export(value).unwrap();
                            t.release(*cur).unwrap();
                            *cur = next;
                            drop(cur);
                            turn.fetch_add(1, Ordering::Release);
                        }
                    })
                })
                .collect();
            s.spawn(|| {
                let mut walks = 0u64;
                while !done.load(Ordering::Relaxed) || walks == 0 {
                    let mut seen = 0;
                    t.for_each_live(|x| {
                        if x == v {
                            seen += 1
                        }
                    });
                    // Two while a mover holds the old and the new handle.
                    assert!(seen >= 1, "the value was unrooted during a walk");
                    walks += 1;
                }
            });
            let movers_ok = movers.into_iter().all(|m| m.join().is_ok());
            done.store(true, Ordering::Relaxed);
            assert!(movers_ok);
        });
        assert_eq!(t.len(), 1);
        assert_eq!(t.resolve(*current.lock().unwrap()), Ok(v));
    }
}
