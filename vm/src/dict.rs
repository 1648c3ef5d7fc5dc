//! The insertion-ordered hash table behind `dict` (CPython's compact dict:
//! a dense entry array plus a sparse index table probed with perturbation).
//!
//! Key comparison may run Python code (`__eq__`), which may mutate the very
//! dict being searched; lookups therefore go through [`DictTable::find`],
//! which re-reads the table after every comparison and restarts if it changed.

use crate::object::GcCell;
use crate::value::Value;
use crate::PyResult;

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const MIN_SIZE: usize = 8;

static VERSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[inline]
fn next_version() -> u64 {
    VERSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: i64,
    /// `Value::UNBOUND` marks a deleted entry.
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct Dict {
    entries: Vec<Entry>,
    indices: Vec<u32>,
    used: usize,
    /// A fresh number from a process-wide counter on every change, so equal
    /// (dict, version) pairs always mean identical contents; inline caches compare it.
    pub version: u64,
}

/// Result of probing for a key: the entry index if present, else the index slot to insert at.
enum Probe {
    Found(usize),
    Vacant(usize),
}

pub type EqFn<'a> = &'a mut dyn FnMut(Value, Value) -> PyResult<bool>;

impl Dict {
    pub fn new() -> Dict {
        Dict {
            version: next_version(),
            ..Dict::default()
        }
    }

    pub fn with_capacity(n: usize) -> Dict {
        let mut d = Dict::new();
        if n > 0 {
            d.entries.reserve(n);
            d.rebuild_indices(index_size_for(n));
        }
        d
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of entry slots (including deleted ones); iteration positions range over this.
    #[inline]
    pub fn slots(&self) -> usize {
        self.entries.len()
    }

    /// The live entry at position `i`, if any.
    #[inline]
    pub fn entry_at(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i).filter(|e| !e.key.is_unbound())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().filter(|e| !e.key.is_unbound())
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value).collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.indices.clear();
        self.used = 0;
        self.version = next_version();
    }

    /// Lookup by identity only (interned strings: names in globals and class dicts).
    #[inline]
    pub fn get_by_identity(&self, hash: i64, key: Value) -> Option<Value> {
        if self.indices.is_empty() {
            return None;
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix != DUMMY {
                let e = &self.entries[ix as usize];
                if e.key.is(key) {
                    return Some(e.value);
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    fn rebuild_indices(&mut self, size: usize) {
        // Compact away deleted entries, then re-index.
        if self.entries.len() != self.used {
            self.entries.retain(|e| !e.key.is_unbound());
        }
        self.indices = vec![EMPTY; size];
        let mask = size - 1;
        for (n, e) in self.entries.iter().enumerate() {
            let mut perturb = e.hash as u64;
            let mut i = (e.hash as u64 as usize) & mask;
            while self.indices[i] != EMPTY {
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
            self.indices[i] = n as u32;
        }
    }
}

fn index_size_for(n: usize) -> usize {
    let mut size = MIN_SIZE;
    while size * 2 < n * 3 {
        size *= 2;
    }
    size
}

/// Operations that may call back into Python for key equality.
pub struct DictTable;

impl DictTable {
    fn probe(cell: &GcCell<Dict>, hash: i64, key: Value, eq: EqFn) -> PyResult<Probe> {
        'restart: loop {
            let d = cell.get();
            if d.indices.is_empty() {
                return Ok(Probe::Vacant(usize::MAX));
            }
            let mask = d.indices.len() - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            let mut first_dummy = usize::MAX;
            loop {
                let d = cell.get();
                let ix = d.indices[i];
                if ix == EMPTY {
                    return Ok(Probe::Vacant(if first_dummy != usize::MAX {
                        first_dummy
                    } else {
                        i
                    }));
                }
                if ix == DUMMY {
                    if first_dummy == usize::MAX {
                        first_dummy = i;
                    }
                } else {
                    let e = d.entries[ix as usize];
                    if e.key.is(key) {
                        return Ok(Probe::Found(ix as usize));
                    }
                    if e.hash == hash {
                        let (n_entries, n_indices) = (d.entries.len(), d.indices.len());
                        let same = eq(e.key, key)?;
                        let d = cell.get();
                        if d.entries.len() != n_entries
                            || d.indices.len() != n_indices
                            || d.indices[i] != ix
                            || !d.entries[ix as usize].key.is(e.key)
                        {
                            continue 'restart;
                        }
                        if same {
                            return Ok(Probe::Found(ix as usize));
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
        }
    }

    pub fn get(cell: &GcCell<Dict>, hash: i64, key: Value, eq: EqFn) -> PyResult<Option<Value>> {
        Ok(match Self::probe(cell, hash, key, eq)? {
            Probe::Found(ix) => Some(cell.get().entries[ix].value),
            Probe::Vacant(_) => None,
        })
    }

    /// The stored key equal to `key` (sets of interned names, `dict.setdefault`).
    pub fn get_entry(
        cell: &GcCell<Dict>,
        hash: i64,
        key: Value,
        eq: EqFn,
    ) -> PyResult<Option<Entry>> {
        Ok(match Self::probe(cell, hash, key, eq)? {
            Probe::Found(ix) => Some(cell.get().entries[ix]),
            Probe::Vacant(_) => None,
        })
    }

    pub fn insert(
        cell: &GcCell<Dict>,
        hash: i64,
        key: Value,
        value: Value,
        eq: EqFn,
    ) -> PyResult<()> {
        match Self::probe(cell, hash, key, eq)? {
            Probe::Found(ix) => {
                let d = cell.get();
                d.entries[ix].value = value;
                d.version = next_version();
            }
            Probe::Vacant(slot) => {
                let d = cell.get();
                let needs_grow =
                    slot == usize::MAX || (d.entries.len() + 1) * 3 >= d.indices.len() * 2;
                d.entries.push(Entry { hash, key, value });
                d.used += 1;
                d.version = next_version();
                if needs_grow {
                    // Re-index everything (including the new entry).
                    let size = if d.indices.is_empty() {
                        MIN_SIZE
                    } else {
                        index_size_for(d.used * 3 / 2 + 1)
                    };
                    d.rebuild_indices(size.max(MIN_SIZE));
                } else {
                    let n = (d.entries.len() - 1) as u32;
                    d.indices[slot] = n;
                }
            }
        }
        Ok(())
    }

    /// Insert a key known to be absent and never equal to a present one (fresh dict builds).
    pub fn remove(cell: &GcCell<Dict>, hash: i64, key: Value, eq: EqFn) -> PyResult<Option<Value>> {
        match Self::probe(cell, hash, key, eq)? {
            Probe::Found(ix) => {
                let d = cell.get();
                let old = d.entries[ix].value;
                d.entries[ix].key = Value::UNBOUND;
                d.entries[ix].value = Value::NONE;
                let mask = d.indices.len() - 1;
                // Mark the index slot pointing at `ix` as a dummy.
                let mut perturb = hash as u64;
                let mut i = (hash as u64 as usize) & mask;
                while d.indices[i] != ix as u32 {
                    perturb >>= 5;
                    i = (i
                        .wrapping_mul(5)
                        .wrapping_add(perturb as usize)
                        .wrapping_add(1))
                        & mask;
                }
                d.indices[i] = DUMMY;
                d.used -= 1;
                d.version = next_version();
                // Trailing deleted entries can go, keeping popitem() cheap.
                while d.entries.last().map_or(false, |e| e.key.is_unbound()) {
                    d.entries.pop();
                    // The index slots that pointed at popped entries are dummies already.
                }
                if d.used == 0 {
                    d.entries.clear();
                    d.indices = vec![EMPTY; MIN_SIZE];
                }
                Ok(Some(old))
            }
            Probe::Vacant(_) => Ok(None),
        }
    }

    /// Remove and return the last entry (dict.popitem).
    pub fn pop_last(cell: &GcCell<Dict>) -> Option<Entry> {
        let d = cell.get();
        let e = *d.entries.iter().rev().find(|e| !e.key.is_unbound())?;
        let mut never = |_: Value, _: Value| Ok(false);
        Self::remove(cell, e.hash, e.key, &mut never).ok()?;
        Some(e)
    }
}

impl Dict {
    /// Every key and value, for the GC.
    pub fn for_each_value(&self, mut f: impl FnMut(Value)) {
        for e in &self.entries {
            f(e.key);
            f(e.value);
        }
    }

    /// Replace the value at an entry position (used by iteration-safe updates).
    pub fn set_value_at(&mut self, i: usize, v: Value) {
        self.entries[i].value = v;
        self.version = next_version();
    }
}
