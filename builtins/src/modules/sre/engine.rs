//! The matcher: runs the opcode program that `re._compiler` emits against a
//! str (by code point) or a bytes-like object.
//!
//! Backtracking uses explicit stacks, never Rust recursion, so no input can
//! overflow the native stack:
//! - `choices`: choice points (an untried alternative, a shorter or longer
//!   repetition count, ...), each remembering the input position and the
//!   heights of the other stacks;
//! - `trail`: an undo log of every change to group marks, `lastindex` and
//!   repeat counters, unwound to a choice point's height when resuming it;
//! - `calls`: the sub-matches in progress (lookaround, atomic groups,
//!   possessive repeats), whose `SUCCESS` continues after the construct
//!   and cuts away the choice points made inside it;
//! - `reps`: the contexts of the `REPEAT ... MAX_UNTIL/MIN_UNTIL` loops.

use super::chars;

pub const MAXREPEAT: u32 = u32::MAX;

/// Opcodes (re/_constants.py `OPCODES`).
pub mod op {
    pub const FAILURE: u32 = 0;
    pub const SUCCESS: u32 = 1;
    pub const ANY: u32 = 2;
    pub const ANY_ALL: u32 = 3;
    pub const ASSERT: u32 = 4;
    pub const ASSERT_NOT: u32 = 5;
    pub const AT: u32 = 6;
    pub const BRANCH: u32 = 7;
    pub const CATEGORY: u32 = 8;
    pub const CHARSET: u32 = 9;
    pub const BIGCHARSET: u32 = 10;
    pub const GROUPREF: u32 = 11;
    pub const GROUPREF_EXISTS: u32 = 12;
    pub const IN: u32 = 13;
    pub const INFO: u32 = 14;
    pub const JUMP: u32 = 15;
    pub const LITERAL: u32 = 16;
    pub const MARK: u32 = 17;
    pub const MAX_UNTIL: u32 = 18;
    pub const MIN_UNTIL: u32 = 19;
    pub const NOT_LITERAL: u32 = 20;
    pub const NEGATE: u32 = 21;
    pub const RANGE: u32 = 22;
    pub const REPEAT: u32 = 23;
    pub const REPEAT_ONE: u32 = 24;
    pub const MIN_REPEAT_ONE: u32 = 26;
    pub const ATOMIC_GROUP: u32 = 27;
    pub const POSSESSIVE_REPEAT: u32 = 28;
    pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub const GROUPREF_IGNORE: u32 = 30;
    pub const IN_IGNORE: u32 = 31;
    pub const LITERAL_IGNORE: u32 = 32;
    pub const NOT_LITERAL_IGNORE: u32 = 33;
    pub const GROUPREF_LOC_IGNORE: u32 = 34;
    pub const IN_LOC_IGNORE: u32 = 35;
    pub const LITERAL_LOC_IGNORE: u32 = 36;
    pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub const GROUPREF_UNI_IGNORE: u32 = 38;
    pub const IN_UNI_IGNORE: u32 = 39;
    pub const LITERAL_UNI_IGNORE: u32 = 40;
    pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub const RANGE_UNI_IGNORE: u32 = 42;
}

/// Codes of the `AT` assertions (re/_constants.py `ATCODES`).
pub mod at {
    pub const BEGINNING: u32 = 0;
    pub const BEGINNING_LINE: u32 = 1;
    pub const BEGINNING_STRING: u32 = 2;
    pub const BOUNDARY: u32 = 3;
    pub const NON_BOUNDARY: u32 = 4;
    pub const END: u32 = 5;
    pub const END_LINE: u32 = 6;
    pub const END_STRING: u32 = 7;
    pub const LOC_BOUNDARY: u32 = 8;
    pub const LOC_NON_BOUNDARY: u32 = 9;
    pub const UNI_BOUNDARY: u32 = 10;
    pub const UNI_NON_BOUNDARY: u32 = 11;
}

const INFO_PREFIX: u32 = 1;
const INFO_CHARSET: u32 = 4;

/// The subject of a match: code units addressed by index.
pub trait Text {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> u32;
}

impl Text for [u8] {
    #[inline(always)]
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        self[i] as u32
    }
}

impl Text for [u32] {
    #[inline(always)]
    fn len(&self) -> usize {
        <[u32]>::len(self)
    }
    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        self[i]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The program is malformed (CPython: "invalid SRE code" / internal error).
    Invalid,
    /// Ctrl-C arrived while matching.
    Interrupted,
}

type Res<T> = Result<T, Error>;

const NO_REP: usize = usize::MAX;
const NO_POS: usize = usize::MAX;

/// One `REPEAT` loop being run.
struct Rep {
    /// Iterations completed (-1 before the first `*_UNTIL`).
    count: i64,
    /// Code index of the REPEAT's skip word (min, max and body follow it).
    pc: usize,
    /// Where the last iteration started, to stop empty iterations.
    last: usize,
    /// The enclosing repeat.
    prev: usize,
}

enum Undo {
    Mark(usize, isize),
    LastIndex(isize),
    RepCount(usize, i64),
    RepLast(usize, usize),
    Current(usize),
}

#[derive(Clone, Copy)]
enum SubKind {
    Assert,
    AssertNot,
    Atomic,
    Possessive {
        body: usize,
        min: u32,
        max: u32,
        count: u64,
        /// Start of the last iteration past the minimum (empty-loop guard).
        last: usize,
    },
}

#[derive(Clone, Copy)]
struct Sub {
    kind: SubKind,
    /// Where matching continues after the construct.
    tail: usize,
    /// Input position when the construct (or possessive iteration) began.
    pos: usize,
    /// Index of this construct's barrier in `choices`.
    choice_height: usize,
    saved_current: usize,
}

#[derive(Clone, Copy)]
enum ChoiceKind {
    /// The next alternative of a BRANCH (code index of its skip word).
    Branch { next: usize },
    /// Greedy single-character repeat: retry the tail one shorter.
    RepeatOne {
        tail: usize,
        start: usize,
        count: usize,
        min: usize,
        lit: Option<u32>,
    },
    /// Lazy single-character repeat: retry the tail one longer.
    MinRepeatOne {
        tail: usize,
        body: usize,
        count: usize,
        max: u32,
    },
    /// MAX_UNTIL: another iteration failed, so match the tail here.
    MaxUntilTail { rep: usize, tail: usize },
    /// MIN_UNTIL: the tail failed, so try another iteration.
    MinUntilBody { rep: usize },
    /// The sub-match `calls[calls]` ran out of alternatives.
    Barrier,
}

#[derive(Clone, Copy)]
struct Choice {
    kind: ChoiceKind,
    pos: usize,
    trail: usize,
    calls: usize,
    reps: usize,
}

pub struct Matcher<'a, T: Text + ?Sized> {
    code: &'a [u32],
    text: &'a T,
    /// `endpos`: matching never reads at or past it.
    end: usize,
    /// Where the current attempt started (group 0's start).
    pub start: usize,
    /// Group 0's end after a successful match.
    pub match_end: usize,
    /// Start and end of every group from 1 on (-1: unset).
    pub marks: Vec<isize>,
    pub lastindex: isize,
    /// fullmatch(): the match must end at `end`.
    pub match_all: bool,
    /// The match must not be empty at `start` (after an empty match, for
    /// findall/finditer/sub/split).
    pub must_advance: bool,
    choices: Vec<Choice>,
    trail: Vec<Undo>,
    calls: Vec<Sub>,
    reps: Vec<Rep>,
    current: usize,
    steps: u32,
}

impl<'a, T: Text + ?Sized> Matcher<'a, T> {
    pub fn new(code: &'a [u32], text: &'a T, end: usize, groups: usize) -> Self {
        Matcher {
            code,
            text,
            end: end.min(text.len()),
            start: 0,
            match_end: 0,
            marks: vec![-1; groups * 2],
            lastindex: -1,
            match_all: false,
            must_advance: false,
            choices: Vec::new(),
            trail: Vec::new(),
            calls: Vec::new(),
            reps: Vec::new(),
            current: NO_REP,
            steps: 0,
        }
    }

    #[inline(always)]
    fn c(&self, i: usize) -> u32 {
        // Reading past the end yields FAILURE, so truncated code fails
        // instead of panicking.
        self.code.get(i).copied().unwrap_or(op::FAILURE)
    }

    fn reset(&mut self, pos: usize) {
        self.marks.iter_mut().for_each(|m| *m = -1);
        self.lastindex = -1;
        self.choices.clear();
        self.trail.clear();
        self.calls.clear();
        self.reps.clear();
        self.current = NO_REP;
        self.start = pos;
    }

    /// The program after its INFO block, and the INFO block's minimum width.
    fn body_start(&self) -> (usize, u32) {
        if self.c(0) == op::INFO {
            (1 + self.c(1) as usize, self.c(3))
        } else {
            (0, 0)
        }
    }

    fn too_short(&self, pos: usize, min: u32) -> bool {
        min != 0 && (self.end as i64 - pos as i64) < min as i64
    }

    /// Match anchored at `pos` (match()/fullmatch()).
    pub fn match_at(&mut self, pos: usize) -> Res<bool> {
        let (body, min) = self.body_start();
        self.reset(pos);
        if self.too_short(pos, min) {
            return Ok(false);
        }
        self.run(body, pos)
    }

    /// The first match starting at `pos` or later; `self.start` tells where.
    pub fn search(&mut self, pos: usize) -> Res<bool> {
        if pos > self.end {
            return Ok(false);
        }
        let (body, min) = self.body_start();
        if self.too_short(pos, min) {
            return Ok(false);
        }
        // A literal prefix or a charset every match starts with lets most
        // positions be rejected without running the program.
        let mut prefix = None;
        let mut charset = None;
        if self.c(0) == op::INFO {
            let flags = self.c(2);
            if flags & INFO_PREFIX != 0 && self.c(5) > 0 {
                prefix = Some(self.c(7));
            } else if flags & INFO_CHARSET != 0 {
                charset = Some(5);
            }
        }
        let anchored = self.c(body) == op::AT
            && matches!(self.c(body + 1), at::BEGINNING | at::BEGINNING_STRING);
        let last = self.end - (min as usize).min(self.end);
        let must_advance = self.must_advance;
        let mut p = pos;
        while p <= last {
            let skip = match (prefix, charset) {
                (Some(ch), _) => p >= self.end || self.text.at(p) != ch,
                (_, Some(set)) => p >= self.end || !self.charset(set, self.text.at(p))?,
                _ => false,
            };
            if !skip {
                self.must_advance = must_advance && p == pos;
                self.reset(p);
                if self.run(body, p)? {
                    self.must_advance = must_advance;
                    return Ok(true);
                }
                if anchored {
                    break;
                }
            }
            p += 1;
            self.poll()?;
        }
        self.must_advance = must_advance;
        Ok(false)
    }

    #[inline]
    fn poll(&mut self) -> Res<()> {
        self.steps = self.steps.wrapping_add(1);
        if self.steps & 0xFFFF == 0 && molt_vm::interrupt::take() {
            return Err(Error::Interrupted);
        }
        Ok(())
    }

    // ----- state changes, recorded for backtracking -----

    #[inline]
    fn log(&mut self, u: Undo) {
        // With no choice point left nothing can be undone.
        if !self.choices.is_empty() {
            self.trail.push(u);
        }
    }

    fn set_mark(&mut self, i: usize, v: isize) {
        self.log(Undo::Mark(i, self.marks[i]));
        self.marks[i] = v;
    }

    fn set_lastindex(&mut self, v: isize) {
        self.log(Undo::LastIndex(self.lastindex));
        self.lastindex = v;
    }

    fn set_count(&mut self, r: usize, v: i64) {
        self.log(Undo::RepCount(r, self.reps[r].count));
        self.reps[r].count = v;
    }

    fn set_last(&mut self, r: usize, v: usize) {
        self.log(Undo::RepLast(r, self.reps[r].last));
        self.reps[r].last = v;
    }

    fn set_current(&mut self, v: usize) {
        if self.current != v {
            self.log(Undo::Current(self.current));
            self.current = v;
        }
    }

    fn push(&mut self, kind: ChoiceKind, pos: usize) {
        self.choices.push(Choice {
            kind,
            pos,
            trail: self.trail.len(),
            calls: self.calls.len(),
            reps: self.reps.len(),
        });
    }

    fn undo_to(&mut self, height: usize) {
        while self.trail.len() > height {
            match self.trail.pop() {
                Some(Undo::Mark(i, v)) => self.marks[i] = v,
                Some(Undo::LastIndex(v)) => self.lastindex = v,
                Some(Undo::RepCount(r, v)) => {
                    if let Some(rep) = self.reps.get_mut(r) {
                        rep.count = v
                    }
                }
                Some(Undo::RepLast(r, v)) => {
                    if let Some(rep) = self.reps.get_mut(r) {
                        rep.last = v
                    }
                }
                Some(Undo::Current(v)) => self.current = v,
                None => break,
            }
        }
    }

    /// Begin a sub-match: a barrier choice point, then the call entry.
    fn enter(&mut self, kind: SubKind, tail: usize, pos: usize) {
        self.push(ChoiceKind::Barrier, pos);
        self.calls.push(Sub {
            kind,
            tail,
            pos,
            choice_height: self.choices.len() - 1,
            saved_current: self.current,
        });
    }

    /// Resume the most recent choice point: the (pc, pos) to continue at,
    /// or None when every alternative has failed.
    fn backtrack(&mut self) -> Res<Option<(usize, usize)>> {
        while let Some(ch) = self.choices.pop() {
            self.undo_to(ch.trail);
            self.reps.truncate(ch.reps);
            let pos = ch.pos;
            if !matches!(ch.kind, ChoiceKind::Barrier) {
                self.calls.truncate(ch.calls);
            }
            match ch.kind {
                ChoiceKind::Barrier => {
                    let sub = match self.calls.get(ch.calls) {
                        Some(s) => *s,
                        None => return Err(Error::Invalid),
                    };
                    self.calls.truncate(ch.calls);
                    match sub.kind {
                        SubKind::Assert | SubKind::Atomic => {}
                        // The negative lookaround's pattern failed: it holds.
                        SubKind::AssertNot => return Ok(Some((sub.tail, sub.pos))),
                        SubKind::Possessive { count, min, .. } => {
                            if count >= min as u64 {
                                return Ok(Some((sub.tail, pos)));
                            }
                        }
                    }
                }
                ChoiceKind::Branch { next } => {
                    if let Some(pc) = self.branch(next, pos) {
                        return Ok(Some((pc, pos)));
                    }
                }
                ChoiceKind::RepeatOne {
                    tail,
                    start,
                    count,
                    min,
                    lit,
                } => {
                    if let Some(c) = self.greedy_candidate(start, count.wrapping_sub(1), min, lit) {
                        if c > min {
                            self.push(
                                ChoiceKind::RepeatOne {
                                    tail,
                                    start,
                                    count: c,
                                    min,
                                    lit,
                                },
                                start + c,
                            );
                        }
                        return Ok(Some((tail, start + c)));
                    }
                }
                ChoiceKind::MinRepeatOne {
                    tail,
                    body,
                    count,
                    max,
                } => {
                    if pos < self.end && self.single(body, self.text.at(pos))? {
                        let count = count + 1;
                        if max == MAXREPEAT || (count as u64) < max as u64 {
                            self.push(
                                ChoiceKind::MinRepeatOne {
                                    tail,
                                    body,
                                    count,
                                    max,
                                },
                                pos + 1,
                            );
                        }
                        return Ok(Some((tail, pos + 1)));
                    }
                }
                ChoiceKind::MaxUntilTail { rep, tail } => {
                    let prev = self.reps[rep].prev;
                    self.set_current(prev);
                    return Ok(Some((tail, pos)));
                }
                ChoiceKind::MinUntilBody { rep } => {
                    let r = &self.reps[rep];
                    let count = r.count + 1;
                    let max = self.c(r.pc + 2);
                    if (max != MAXREPEAT && count >= max as i64) || pos == r.last {
                        continue;
                    }
                    let body = r.pc + 3;
                    self.set_count(rep, count);
                    self.set_last(rep, pos);
                    return Ok(Some((body, pos)));
                }
            }
        }
        Ok(None)
    }

    /// The largest count `<= count` (and `>= min`) after which the tail's
    /// leading literal (if any) can match.
    fn greedy_candidate(
        &self,
        start: usize,
        mut count: usize,
        min: usize,
        lit: Option<u32>,
    ) -> Option<usize> {
        if count == usize::MAX || count < min {
            return None;
        }
        if let Some(ch) = lit {
            loop {
                let p = start + count;
                if p < self.end && self.text.at(p) == ch {
                    break;
                }
                if count == min {
                    return None;
                }
                count -= 1;
            }
        }
        Some(count)
    }

    /// Try the BRANCH alternatives from the one whose skip word is at `sk`:
    /// the code index of the first one worth trying (a choice point for the
    /// rest pushed), or None when none is left.
    fn branch(&mut self, mut sk: usize, pos: usize) -> Option<usize> {
        loop {
            let skip = self.c(sk) as usize;
            if skip == 0 {
                return None;
            }
            let alt = sk + 1;
            let next = sk + skip;
            if self.c(alt) == op::LITERAL
                && (pos >= self.end || self.text.at(pos) != self.c(alt + 1))
            {
                sk = next;
                continue;
            }
            self.push(ChoiceKind::Branch { next }, pos);
            return Some(alt);
        }
    }

    /// Does the one-character operation at `pc` accept `ch`?  An error for
    /// an operation that is not a one-character one.
    fn single(&self, pc: usize, ch: u32) -> Res<bool> {
        let arg = self.c(pc + 1);
        Ok(match self.c(pc) {
            op::ANY => ch != '\n' as u32,
            op::ANY_ALL => true,
            op::LITERAL => ch == arg,
            op::NOT_LITERAL => ch != arg,
            op::LITERAL_IGNORE => chars::ascii_lower(ch) == arg,
            op::NOT_LITERAL_IGNORE => chars::ascii_lower(ch) != arg,
            op::LITERAL_UNI_IGNORE => chars::unicode_lower(ch) == arg,
            op::NOT_LITERAL_UNI_IGNORE => chars::unicode_lower(ch) != arg,
            op::LITERAL_LOC_IGNORE => loc_ignore_eq(ch, arg),
            op::NOT_LITERAL_LOC_IGNORE => !loc_ignore_eq(ch, arg),
            op::IN => self.charset(pc + 2, ch)?,
            op::IN_IGNORE => self.charset(pc + 2, chars::ascii_lower(ch))?,
            op::IN_UNI_IGNORE => self.charset(pc + 2, chars::unicode_lower(ch))?,
            op::IN_LOC_IGNORE => {
                let lo = chars::locale_lower(ch);
                if self.charset(pc + 2, lo)? {
                    true
                } else {
                    let up = chars::locale_upper(ch);
                    up != lo && self.charset(pc + 2, up)?
                }
            }
            op::CATEGORY => chars::category(arg, ch).ok_or(Error::Invalid)?,
            _ => return Err(Error::Invalid),
        })
    }

    /// Where the code after the one-character operation at `pc` begins.
    fn single_next(&self, pc: usize) -> usize {
        match self.c(pc) {
            op::ANY | op::ANY_ALL => pc + 1,
            op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                pc + 1 + self.c(pc + 1) as usize
            }
            _ => pc + 2,
        }
    }

    /// How many characters from `pos` (at most `max`) the one-character
    /// operation at `pc` accepts in a row.
    fn count(&mut self, pc: usize, pos: usize, max: u32) -> Res<usize> {
        let avail = self.end.saturating_sub(pos);
        let limit = if max == MAXREPEAT {
            avail
        } else {
            avail.min(max as usize)
        };
        if self.c(pc) == op::ANY_ALL {
            return Ok(limit);
        }
        let mut n = 0;
        while n < limit && self.single(pc, self.text.at(pos + n))? {
            n += 1;
            if n & 0xFFFF == 0 {
                self.poll()?;
            }
        }
        Ok(n)
    }

    /// Is `ch` in the set whose items start at `pc`?
    fn charset(&self, mut pc: usize, ch: u32) -> Res<bool> {
        let mut ok = true;
        loop {
            let arg = self.c(pc + 1);
            match self.c(pc) {
                op::FAILURE => return Ok(!ok),
                op::LITERAL => {
                    if ch == arg {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                op::CATEGORY => {
                    if chars::category(arg, ch).ok_or(Error::Invalid)? {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                op::CHARSET => {
                    // A 256-bit bitmap in eight code words.
                    if ch < 256 && self.c(pc + 1 + (ch as usize >> 5)) & (1 << (ch & 31)) != 0 {
                        return Ok(ok);
                    }
                    pc += 1 + 8;
                }
                op::RANGE => {
                    if arg <= ch && ch <= self.c(pc + 2) {
                        return Ok(ok);
                    }
                    pc += 3;
                }
                op::RANGE_UNI_IGNORE => {
                    // `ch` is already lowercased; its uppercase may be in range too.
                    let hi = self.c(pc + 2);
                    if arg <= ch && ch <= hi {
                        return Ok(ok);
                    }
                    let up = chars::unicode_upper(ch);
                    if arg <= up && up <= hi {
                        return Ok(ok);
                    }
                    pc += 3;
                }
                op::NEGATE => {
                    ok = !ok;
                    pc += 1;
                }
                op::BIGCHARSET => {
                    // <count> <256 block indices, 4 per word> <count bitmaps of 8 words>
                    let blocks = arg as usize;
                    let map = pc + 2;
                    if ch < 0x10000 {
                        let hi = (ch >> 8) as usize;
                        let block = (self.c(map + hi / 4) >> ((hi % 4) * 8)) & 0xFF;
                        let bit = block as usize * 256 + (ch & 255) as usize;
                        if self.c(map + 64 + bit / 32) & (1 << (bit % 32)) != 0 {
                            return Ok(ok);
                        }
                    }
                    pc = map + 64 + blocks * 8;
                }
                _ => return Err(Error::Invalid),
            }
        }
    }

    fn at_code(&self, code: u32, pos: usize) -> Res<bool> {
        let end = self.end;
        let prev = |m: &Self| pos > 0 && pos - 1 < m.text.len();
        Ok(match code {
            at::BEGINNING | at::BEGINNING_STRING => pos == 0,
            at::BEGINNING_LINE => pos == 0 || (prev(self) && self.text.at(pos - 1) == 10),
            at::END => pos == end || (pos + 1 == end && self.text.at(pos) == 10),
            at::END_LINE => pos == end || (pos < end && self.text.at(pos) == 10),
            at::END_STRING => pos == end,
            at::BOUNDARY
            | at::NON_BOUNDARY
            | at::LOC_BOUNDARY
            | at::LOC_NON_BOUNDARY
            | at::UNI_BOUNDARY
            | at::UNI_NON_BOUNDARY => {
                if end == 0 {
                    return Ok(false);
                }
                let before = prev(self) && chars::is_word(code, self.text.at(pos - 1));
                let here = pos < end && chars::is_word(code, self.text.at(pos));
                let boundary = before != here;
                match code {
                    at::BOUNDARY | at::LOC_BOUNDARY | at::UNI_BOUNDARY => boundary,
                    _ => !boundary,
                }
            }
            _ => return Err(Error::Invalid),
        })
    }

    /// The span of group `g` (0-based, i.e. the pattern's group g+1) if set.
    fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let (s, e) = (*self.marks.get(2 * g)?, *self.marks.get(2 * g + 1)?);
        if s < 0 || e < 0 || e < s {
            None
        } else {
            Some((s as usize, e as usize))
        }
    }

    /// Match the text of group `g` at `pos`; the new position if it does.
    fn groupref(&self, g: usize, pos: usize, fold: fn(u32) -> u32) -> Option<usize> {
        let (s, e) = self.group_span(g)?;
        let n = e - s;
        if pos + n > self.end {
            return None;
        }
        for i in 0..n {
            if fold(self.text.at(pos + i)) != fold(self.text.at(s + i)) {
                return None;
            }
        }
        Some(pos + n)
    }

    /// Run the program from `pc` at `pos` until it succeeds or every
    /// alternative has failed.
    fn run(&mut self, mut pc: usize, mut pos: usize) -> Res<bool> {
        loop {
            self.poll()?;
            let opcode = self.c(pc);
            let ok = match opcode {
                op::FAILURE => false,
                op::SUCCESS => match self.calls.last().copied() {
                    Some(sub) => self.sub_success(sub, &mut pc, &mut pos),
                    None => {
                        if (self.match_all && pos != self.end)
                            || (self.must_advance && pos == self.start)
                        {
                            false
                        } else {
                            self.match_end = pos;
                            return Ok(true);
                        }
                    }
                },
                op::ANY
                | op::ANY_ALL
                | op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::IN
                | op::IN_IGNORE
                | op::IN_UNI_IGNORE
                | op::IN_LOC_IGNORE
                | op::CATEGORY => {
                    if pos < self.end && self.single(pc, self.text.at(pos))? {
                        pos += 1;
                        pc = self.single_next(pc);
                        true
                    } else {
                        false
                    }
                }
                op::AT => {
                    if self.at_code(self.c(pc + 1), pos)? {
                        pc += 2;
                        true
                    } else {
                        false
                    }
                }
                op::INFO => {
                    if self.too_short(pos, self.c(pc + 3)) {
                        false
                    } else {
                        pc = pc + 1 + self.c(pc + 1) as usize;
                        true
                    }
                }
                op::JUMP => {
                    pc = pc + 1 + self.c(pc + 1) as usize;
                    true
                }
                op::MARK => {
                    let i = self.c(pc + 1) as usize;
                    if i >= self.marks.len() {
                        return Err(Error::Invalid);
                    }
                    if i & 1 == 1 {
                        self.set_lastindex((i / 2 + 1) as isize);
                    }
                    self.set_mark(i, pos as isize);
                    pc += 2;
                    true
                }
                op::BRANCH => match self.branch(pc + 1, pos) {
                    Some(alt) => {
                        pc = alt;
                        true
                    }
                    None => false,
                },
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    let tail = pc + 1 + self.c(pc + 1) as usize;
                    let (min, max, body) = (self.c(pc + 2), self.c(pc + 3), pc + 4);
                    if self.end as i64 - (pos as i64) < min as i64 {
                        false
                    } else if opcode == op::MIN_REPEAT_ONE {
                        let count = if min == 0 {
                            0
                        } else {
                            self.count(body, pos, min)?
                        };
                        if count < min as usize {
                            false
                        } else {
                            pos += count;
                            if max == MAXREPEAT || (count as u64) < max as u64 {
                                self.push(
                                    ChoiceKind::MinRepeatOne {
                                        tail,
                                        body,
                                        count,
                                        max,
                                    },
                                    pos,
                                );
                            }
                            pc = tail;
                            true
                        }
                    } else {
                        let count = self.count(body, pos, max)?;
                        let min = min as usize;
                        if opcode == op::POSSESSIVE_REPEAT_ONE {
                            pos += count;
                            pc = tail;
                            count >= min
                        } else {
                            let lit = (self.c(tail) == op::LITERAL).then(|| self.c(tail + 1));
                            match self.greedy_candidate(pos, count, min, lit) {
                                Some(c) => {
                                    if c > min {
                                        self.push(
                                            ChoiceKind::RepeatOne {
                                                tail,
                                                start: pos,
                                                count: c,
                                                min,
                                                lit,
                                            },
                                            pos + c,
                                        );
                                    }
                                    pos += c;
                                    pc = tail;
                                    true
                                }
                                None => false,
                            }
                        }
                    }
                }
                op::REPEAT => {
                    self.reps.push(Rep {
                        count: -1,
                        pc: pc + 1,
                        last: NO_POS,
                        prev: self.current,
                    });
                    self.set_current(self.reps.len() - 1);
                    pc = pc + 1 + self.c(pc + 1) as usize;
                    true
                }
                op::MAX_UNTIL | op::MIN_UNTIL => {
                    let r = self.current;
                    if r == NO_REP || r >= self.reps.len() {
                        return Err(Error::Invalid);
                    }
                    let rp = self.reps[r].pc;
                    let (min, max, body) = (self.c(rp + 1), self.c(rp + 2), rp + 3);
                    let count = self.reps[r].count + 1;
                    if count < min as i64 {
                        self.set_count(r, count);
                        pc = body;
                    } else if opcode == op::MAX_UNTIL {
                        if (max == MAXREPEAT || count < max as i64) && pos != self.reps[r].last {
                            self.push(
                                ChoiceKind::MaxUntilTail {
                                    rep: r,
                                    tail: pc + 1,
                                },
                                pos,
                            );
                            self.set_count(r, count);
                            self.set_last(r, pos);
                            pc = body;
                        } else {
                            let prev = self.reps[r].prev;
                            self.set_current(prev);
                            pc += 1;
                        }
                    } else {
                        self.push(ChoiceKind::MinUntilBody { rep: r }, pos);
                        let prev = self.reps[r].prev;
                        self.set_current(prev);
                        pc += 1;
                    }
                    true
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE => {
                    let fold: fn(u32) -> u32 = match opcode {
                        op::GROUPREF => |c| c,
                        op::GROUPREF_IGNORE => chars::ascii_lower,
                        op::GROUPREF_UNI_IGNORE => chars::unicode_lower,
                        _ => chars::locale_lower,
                    };
                    match self.groupref(self.c(pc + 1) as usize, pos, fold) {
                        Some(p) => {
                            pos = p;
                            pc += 2;
                            true
                        }
                        None => false,
                    }
                }
                op::GROUPREF_EXISTS => {
                    if self.group_span(self.c(pc + 1) as usize).is_some() {
                        pc += 3;
                    } else {
                        pc = pc + 1 + self.c(pc + 2) as usize;
                    }
                    true
                }
                op::ASSERT | op::ASSERT_NOT => {
                    let tail = pc + 1 + self.c(pc + 1) as usize;
                    let back = self.c(pc + 2) as usize;
                    if pos < back {
                        // Not enough text behind: a lookbehind cannot match.
                        if opcode == op::ASSERT_NOT {
                            pc = tail;
                        }
                        opcode == op::ASSERT_NOT
                    } else {
                        let kind = if opcode == op::ASSERT {
                            SubKind::Assert
                        } else {
                            SubKind::AssertNot
                        };
                        self.enter(kind, tail, pos);
                        pc += 3;
                        pos -= back;
                        true
                    }
                }
                op::ATOMIC_GROUP => {
                    let tail = pc + 1 + self.c(pc + 1) as usize;
                    self.enter(SubKind::Atomic, tail, pos);
                    pc += 2;
                    true
                }
                op::POSSESSIVE_REPEAT => {
                    // The skip leads to the body's SUCCESS; the tail follows it.
                    let tail = pc + 2 + self.c(pc + 1) as usize;
                    let kind = SubKind::Possessive {
                        body: pc + 4,
                        min: self.c(pc + 2),
                        max: self.c(pc + 3),
                        count: 0,
                        last: NO_POS,
                    };
                    self.calls.push(Sub {
                        kind,
                        tail,
                        pos,
                        choice_height: 0,
                        saved_current: self.current,
                    });
                    pc = self.possessive_next(pos);
                    true
                }
                _ => return Err(Error::Invalid),
            };
            if !ok {
                match self.backtrack()? {
                    Some((p, q)) => {
                        pc = p;
                        pos = q;
                    }
                    None => return Ok(false),
                }
            }
        }
    }

    /// The `SUCCESS` that ends a sub-match's pattern; false if matching
    /// must backtrack.
    fn sub_success(&mut self, sub: Sub, pc: &mut usize, pos: &mut usize) -> bool {
        // Alternatives inside the construct are never revisited.
        self.choices.truncate(sub.choice_height);
        self.set_current(sub.saved_current);
        match sub.kind {
            SubKind::Assert => {
                self.calls.pop();
                *pc = sub.tail;
                *pos = sub.pos;
                true
            }
            SubKind::AssertNot => {
                self.calls.pop();
                false
            }
            SubKind::Atomic => {
                self.calls.pop();
                *pc = sub.tail;
                true
            }
            SubKind::Possessive { .. } => {
                if let Some(Sub {
                    kind: SubKind::Possessive { count, .. },
                    ..
                }) = self.calls.last_mut()
                {
                    *count += 1;
                }
                *pc = self.possessive_next(*pos);
                true
            }
        }
    }

    /// Start another iteration of the possessive repeat on top of `calls`,
    /// or leave it for its tail; the code index to continue at.
    fn possessive_next(&mut self, pos: usize) -> usize {
        let mut sub = match self.calls.pop() {
            Some(s) => s,
            None => return self.code.len(),
        };
        if let SubKind::Possessive {
            body,
            min,
            max,
            count,
            ref mut last,
        } = sub.kind
        {
            let again = if count < min as u64 {
                true
            } else if (max == MAXREPEAT || count < max as u64) && *last != pos {
                *last = pos;
                true
            } else {
                false
            };
            if again {
                // The barrier records the entry's index: `calls` without it.
                self.push(ChoiceKind::Barrier, pos);
                sub.pos = pos;
                sub.choice_height = self.choices.len() - 1;
                self.calls.push(sub);
                return body;
            }
        }
        sub.tail
    }
}

fn loc_ignore_eq(ch: u32, pattern: u32) -> bool {
    ch == pattern || chars::locale_lower(ch) == pattern || chars::locale_upper(ch) == pattern
}
