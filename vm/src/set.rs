//! The hash table behind `set` and `frozenset`, probing as CPython's does
//! (linear runs of `LINEAR_PROBES`, then perturbation), so that iteration
//! order — and therefore printed sets — match CPython's for the same hashes.

use crate::object::GcCell;
use crate::value::Value;
use crate::PyResult;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MIN_SIZE: usize = 8;
/// A deleted slot (never a Python value).
const DUMMY: Value = Value((crate::value::TAG_SPECIAL << crate::value::TAG_SHIFT) | 4);

#[derive(Clone, Copy)]
pub struct SetEntry {
    pub hash: i64,
    /// UNBOUND: never used; DUMMY: deleted.
    pub key: Value,
}

const EMPTY_ENTRY: SetEntry = SetEntry {
    hash: 0,
    key: Value::UNBOUND,
};

pub struct SetData {
    table: Vec<SetEntry>,
    fill: usize,
    used: usize,
    /// Cached hash for frozensets (-1: not computed).
    pub hash: i64,
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

impl SetData {
    pub fn new() -> SetData {
        SetData {
            table: vec![EMPTY_ENTRY; MIN_SIZE],
            fill: 0,
            used: 0,
            hash: -1,
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    pub fn slots(&self) -> usize {
        self.table.len()
    }

    pub fn entry_at(&self, i: usize) -> Option<SetEntry> {
        self.table.get(i).copied().filter(|e| is_live(e.key))
    }

    pub fn iter(&self) -> impl Iterator<Item = SetEntry> + '_ {
        self.table.iter().copied().filter(|e| is_live(e.key))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key).collect()
    }

    pub fn clear(&mut self) {
        *self = SetData {
            hash: self.hash,
            ..SetData::new()
        };
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![EMPTY_ENTRY; newsize]);
        let mask = newsize - 1;
        for e in old.into_iter().filter(|e| is_live(e.key)) {
            insert_clean(&mut self.table, mask, e);
        }
        self.fill = self.used;
    }

    pub fn for_each_value(&self, mut f: impl FnMut(Value)) {
        for e in self.iter() {
            f(e.key);
        }
    }
}

#[inline]
fn is_live(k: Value) -> bool {
    !k.is_unbound() && !k.is(DUMMY)
}

fn insert_clean(table: &mut [SetEntry], mask: usize, e: SetEntry) {
    let mut perturb = e.hash as u64;
    let mut i = e.hash as u64 as usize & mask;
    loop {
        if table[i].key.is_unbound() {
            table[i] = e;
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in 1..=LINEAR_PROBES {
                if table[i + j].key.is_unbound() {
                    table[i + j] = e;
                    return;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

enum Probe {
    Found(usize),
    Vacant {
        unused: usize,
        freeslot: Option<usize>,
    },
}

pub type EqFn<'a> = &'a mut dyn FnMut(Value, Value) -> PyResult<bool>;

/// Operations that may call back into Python for key equality.
pub struct SetTable;

impl SetTable {
    fn probe(cell: &GcCell<SetData>, hash: i64, key: Value, eq: EqFn) -> PyResult<Probe> {
        'restart: loop {
            let s = cell.get();
            let mask = s.table.len() - 1;
            let mut perturb = hash as u64;
            let mut i = hash as u64 as usize & mask;
            let mut freeslot = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in 0..=probes {
                    let s = cell.get();
                    let e = s.table[i + j];
                    if e.key.is_unbound() {
                        return Ok(Probe::Vacant {
                            unused: i + j,
                            freeslot,
                        });
                    }
                    if e.key.is(DUMMY) {
                        freeslot.get_or_insert(i + j);
                        continue;
                    }
                    if e.hash == hash {
                        if e.key.is(key) {
                            return Ok(Probe::Found(i + j));
                        }
                        let len = s.table.len();
                        let same = eq(e.key, key)?;
                        let s = cell.get();
                        if s.table.len() != len || !s.table[i + j].key.is(e.key) {
                            continue 'restart;
                        }
                        if same {
                            return Ok(Probe::Found(i + j));
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    pub fn contains(cell: &GcCell<SetData>, hash: i64, key: Value, eq: EqFn) -> PyResult<bool> {
        Ok(matches!(Self::probe(cell, hash, key, eq)?, Probe::Found(_)))
    }

    /// Add `key`; returns false if it was present.
    pub fn add(cell: &GcCell<SetData>, hash: i64, key: Value, eq: EqFn) -> PyResult<bool> {
        match Self::probe(cell, hash, key, eq)? {
            Probe::Found(_) => Ok(false),
            Probe::Vacant { unused, freeslot } => {
                let s = cell.get();
                if let Some(f) = freeslot {
                    s.table[f] = SetEntry { hash, key };
                    s.used += 1;
                    return Ok(true);
                }
                s.table[unused] = SetEntry { hash, key };
                s.fill += 1;
                s.used += 1;
                let mask = s.table.len() - 1;
                if s.fill * 5 >= mask * 3 {
                    let minused = if s.used > 50000 {
                        s.used * 2
                    } else {
                        s.used * 4
                    };
                    s.resize(minused);
                }
                Ok(true)
            }
        }
    }

    /// Remove `key`; returns whether it was present.
    pub fn discard(cell: &GcCell<SetData>, hash: i64, key: Value, eq: EqFn) -> PyResult<bool> {
        match Self::probe(cell, hash, key, eq)? {
            Probe::Found(i) => {
                let s = cell.get();
                s.table[i] = SetEntry {
                    hash: -1,
                    key: DUMMY,
                };
                s.used -= 1;
                Ok(true)
            }
            Probe::Vacant { .. } => Ok(false),
        }
    }

    /// Remove and return an arbitrary element (set.pop), scanning as CPython does.
    pub fn pop(cell: &GcCell<SetData>) -> Option<Value> {
        let s = cell.get();
        let i = s.table.iter().position(|e| is_live(e.key))?;
        let k = s.table[i].key;
        s.table[i] = SetEntry {
            hash: -1,
            key: DUMMY,
        };
        s.used -= 1;
        Some(k)
    }
}
