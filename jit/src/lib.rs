//! Molt's tracing JIT.
//!
//! The interpreter counts executions of every loop back-edge.  When one gets
//! hot, the interpreter runs the next iteration in recording mode, calling
//! [`record_step`] before each instruction; the [`record::Recorder`] turns
//! what it sees into trace IR ([`ir`]) with guards, and when the loop closes
//! the trace is assembled to machine code ([`x86_64`]).  From then on, that
//! back-edge runs the compiled trace, which loops natively until a guard
//! fails; the guard's snapshot is written back into the frame and the
//! interpreter resumes at the instruction the snapshot names.
//!
//! Controls (read once, from the environment): `MOLT_JIT=0` turns the JIT
//! off, `MOLT_JIT_THRESHOLD=N` sets how many back-edge executions make a
//! loop hot, `MOLT_JIT_STATS=1` prints statistics at exit, and
//! `MOLT_JIT_DUMP=1` prints each trace's IR and machine code as it is
//! compiled.

pub mod helpers;
pub mod ir;
pub mod record;
#[cfg(target_arch = "x86_64")]
pub mod x86_64;

use molt_vm::bytecode::{CodeObject, InlineCache};
use molt_vm::frame::Frame;
use molt_vm::object::JitLayout;
use molt_vm::value::Value;
use molt_vm::Vm;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Recordings of one loop that may abort before it is left to the interpreter for good.
const MAX_ABORTS: u64 = 3;

#[derive(Clone, Debug)]
pub struct Config {
    pub enabled: bool,
    pub threshold: u64,
    pub stats: bool,
    pub dump: bool,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok();
        let flag = |name: &str| var(name).is_some_and(|v| !v.is_empty() && v != "0");
        Config {
            enabled: var("MOLT_JIT").map_or(cfg!(target_arch = "x86_64"), |v| v != "0")
                && cfg!(target_arch = "x86_64"),
            threshold: var("MOLT_JIT_THRESHOLD")
                .and_then(|v| v.parse().ok())
                .unwrap_or(200)
                .max(1),
            stats: flag("MOLT_JIT_STATS"),
            dump: flag("MOLT_JIT_DUMP"),
        }
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static CONFIG: OnceLock<Config> = OnceLock::new();

/// Read the configuration; call once at start-up, before running code.
pub fn init(stats_requested: bool) {
    let mut c = Config::from_env();
    c.stats |= stats_requested;
    ENABLED.store(c.enabled, Ordering::Relaxed);
    let _ = CONFIG.set(c);
}

fn config() -> &'static Config {
    CONFIG.get_or_init(Config::from_env)
}

/// Whether back-edges should call [`back_edge`].
#[inline(always)]
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// A trace in executable memory, with its counters.
pub struct CompiledTrace {
    /// Where the loop is, for statistics: `qualname:line`.
    pub name: String,
    pub ir: ir::Trace,
    /// The machine code `entry` points into.
    #[cfg(target_arch = "x86_64")]
    machine_code: x86_64::Assembled,
    entry: extern "sysv64" fn(*mut Value) -> u64,
    pub entries: Cell<u64>,
    /// The globals dict of the frame it was recorded in: global loads are
    /// compiled against it, so only frames with the same globals may enter.
    globals: Value,
    /// Times each exit was taken.
    pub exits: Vec<Cell<u64>>,
    /// Per exit: the trace that runs next when it is taken (a side trace,
    /// or the root trace at the end of a side trace), [`NO_LINK`] or [`BLACKLISTED`].
    links: Vec<Cell<usize>>,
    /// Per exit: side-trace recordings from it that aborted.
    exit_aborts: Vec<Cell<u64>>,
    pub is_side: bool,
}

/// The JIT's per-back-edge state lives in the `Loop` instruction's own
/// inline-cache slot, which the interpreter does not otherwise use:
/// `data` counts executions, `cls` counts aborted recordings, and `shape`
/// points to the compiled trace ([`NO_LINK`]: none yet; [`BLACKLISTED`]: never).
const NO_LINK: usize = 0;
const BLACKLISTED: usize = 1;

/// Where a recording will be installed.
enum Origin {
    /// A root trace for the back-edge at this pc.
    Loop(usize),
    /// A side trace for exit `exit` of `parent`, handing back to `root`.
    Exit {
        parent: *const CompiledTrace,
        exit: usize,
        root: *const CompiledTrace,
    },
}

struct Recording {
    recorder: record::Recorder,
    code: *const CodeObject,
    globals: Value,
    origin: Origin,
    started: Instant,
}

#[derive(Default)]
struct Stats {
    recorded: u64,
    compiled: u64,
    side_traces: u64,
    aborts: BTreeMap<String, u64>,
    recording_time: Duration,
    compile_time: Duration,
}

#[derive(Default)]
struct Jit {
    recording: Option<Recording>,
    /// Every compiled trace, alive until the process exits.
    traces: Vec<Box<CompiledTrace>>,
    stats: Stats,
    layout: Option<JitLayout>,
}

thread_local! {
    static JIT: RefCell<Jit> = RefCell::new(Jit::default());
}

/// What the interpreter does after a back-edge.
pub enum BackEdge {
    /// Jump to the loop header as usual.
    Interpret,
    /// Continue at this instruction in recording mode.
    Record(usize),
    /// Traces ran; resume at this instruction.
    Resume(usize),
}

fn bump(c: &Cell<u64>) -> u64 {
    c.set(c.get() + 1);
    c.get()
}

/// Exits taken this often get a side trace.
fn hot_exit() -> u64 {
    (config().threshold / 10).max(1)
}

/// Called by the interpreter at the back-edge instruction `pc` of `frame`
/// (after its safepoint), which jumps to `header`.
pub fn back_edge(vm: &Vm, frame: &mut Frame, pc: usize, header: u32) -> BackEdge {
    let code = frame.code();
    let cell = &code.caches[pc];
    let mut st: InlineCache = cell.get();
    if st.shape > BLACKLISTED {
        let root = st.shape as *const CompiledTrace;
        let mut t = unsafe { &*root };
        if !t.globals.is(frame.globals) {
            return BackEdge::Interpret;
        }
        // Run traces, following links from exits to side traces and back.
        loop {
            bump(&t.entries);
            let k = (t.entry)(frame.regs.as_mut_ptr()) as usize;
            let taken = bump(&t.exits[k]);
            let link = t.links[k].get();
            if link > BLACKLISTED {
                t = unsafe { &*(link as *const CompiledTrace) };
                continue;
            }
            let resume = t.ir.snaps[k].pc as usize;
            if link == NO_LINK && taken >= hot_exit() {
                let origin = Origin::Exit {
                    parent: t as *const CompiledTrace,
                    exit: k,
                    root,
                };
                if start_recording(vm, frame, header, origin) {
                    return BackEdge::Record(resume);
                }
            }
            return BackEdge::Resume(resume);
        }
    }
    if st.shape == BLACKLISTED {
        return BackEdge::Interpret;
    }
    if st.epoch == u64::MAX {
        // A fresh slot (InlineCache::EMPTY).
        st = InlineCache {
            cls: 0,
            shape: NO_LINK,
            epoch: 0,
            data: 0,
        };
    }
    st.data += 1;
    let hot = st.data >= config().threshold;
    if hot {
        st.data = 0;
    }
    cell.set(st);
    if hot && start_recording(vm, frame, header, Origin::Loop(pc)) {
        return BackEdge::Record(header as usize);
    }
    BackEdge::Interpret
}

fn start_recording(vm: &Vm, frame: &Frame, header: u32, origin: Origin) -> bool {
    let code = frame.code();
    JIT.with(|j| {
        let mut j = j.borrow_mut();
        if j.recording.is_some() {
            return false;
        }
        let side = matches!(origin, Origin::Exit { .. });
        j.recording = Some(Recording {
            recorder: record::Recorder::new(vm, code, header, side),
            code: code as *const CodeObject,
            globals: frame.globals,
            origin,
            started: Instant::now(),
        });
        true
    })
}

/// Called before each instruction in recording mode.  Returns false when
/// recording has ended (the trace closed and was compiled, or it aborted):
/// the interpreter then goes back to normal mode at the same instruction.
pub fn record_step(frame: &Frame, pc: usize) -> bool {
    JIT.with(|j| {
        let mut j = j.borrow_mut();
        let Some(rec) = j.recording.as_mut() else {
            return false;
        };
        if !std::ptr::eq(rec.code, frame.code()) {
            drop(j);
            abort_recording("recording left its frame");
            return false;
        }
        match rec.recorder.step(frame, pc) {
            record::Step::Continue => true,
            record::Step::Abort(why) => {
                drop(j);
                abort_recording(&why);
                false
            }
            record::Step::LoopExited => {
                if let Origin::Loop(pc) = rec.origin {
                    // Record again on this back-edge's next execution.
                    let rec = j.recording.take().expect("recording");
                    j.stats.recording_time += rec.started.elapsed();
                    let cell = &unsafe { &*rec.code }.caches[pc];
                    let mut st = cell.get();
                    st.data = config().threshold - 1;
                    cell.set(st);
                } else {
                    // An exit that leaves the loop: the interpreter's business.
                    drop(j);
                    abort_recording("side trace would leave the loop");
                }
                false
            }
            record::Step::Closed(trace) => {
                let rec = j.recording.take().expect("recording");
                j.stats.recorded += 1;
                j.stats.recording_time += rec.started.elapsed();
                let code = unsafe { &*rec.code };
                let t0 = Instant::now();
                let side = matches!(rec.origin, Origin::Exit { .. });
                let compiled = compile(&mut j, code, rec.recorder.header, trace, side, rec.globals);
                j.stats.compile_time += t0.elapsed();
                match compiled {
                    Ok(t) => {
                        j.stats.compiled += 1;
                        let ptr = &*t as *const CompiledTrace as usize;
                        match rec.origin {
                            Origin::Loop(pc) => {
                                let cell = &code.caches[pc];
                                let mut st = cell.get();
                                st.shape = ptr;
                                cell.set(st);
                            }
                            Origin::Exit { parent, exit, root } => {
                                j.stats.side_traces += 1;
                                // The side trace's finishing exit continues in the root trace.
                                for inst in &t.ir.insts {
                                    if let ir::Ins::SideEnd { done, .. } = inst.ins {
                                        t.links[done as usize].set(root as usize);
                                    }
                                }
                                unsafe { &*parent }.links[exit].set(ptr);
                            }
                        }
                        j.traces.push(t);
                    }
                    Err(why) => {
                        *j.stats
                            .aborts
                            .entry(format!("compile: {}", why))
                            .or_default() += 1;
                        give_up(code, &rec.origin);
                    }
                }
                false
            }
        }
    })
}

/// Stop recording (an unsupported instruction, an exception, leaving the frame).
pub fn abort_recording(why: &str) {
    JIT.with(|j| {
        let mut j = j.borrow_mut();
        let Some(rec) = j.recording.take() else {
            return;
        };
        j.stats.recording_time += rec.started.elapsed();
        *j.stats.aborts.entry(why.to_string()).or_default() += 1;
        let code = unsafe { &*rec.code };
        let aborts = match rec.origin {
            Origin::Loop(pc) => {
                let cell = &code.caches[pc];
                let mut st = cell.get();
                st.cls += 1;
                cell.set(st);
                st.cls
            }
            Origin::Exit { parent, exit, .. } => bump(&unsafe { &*parent }.exit_aborts[exit]),
        };
        if aborts >= MAX_ABORTS {
            give_up(code, &rec.origin);
        }
    })
}

/// Never record from this origin again: the interpreter (or the plain exit) is cheaper.
fn give_up(code: &CodeObject, origin: &Origin) {
    match *origin {
        Origin::Loop(pc) => {
            let cell = &code.caches[pc];
            let mut st = cell.get();
            st.shape = BLACKLISTED;
            cell.set(st);
        }
        Origin::Exit { parent, exit, .. } => unsafe { &*parent }.links[exit].set(BLACKLISTED),
    }
}

#[cfg(target_arch = "x86_64")]
fn compile(
    j: &mut Jit,
    code: &CodeObject,
    header: u32,
    trace: ir::Trace,
    is_side: bool,
    globals: Value,
) -> Result<Box<CompiledTrace>, String> {
    let layout = *j.layout.get_or_insert_with(JitLayout::measure);
    let flag = molt_vm::interrupt::flag_address();
    let asm = x86_64::assemble(&trace, &layout, flag)?;
    let entry: extern "sysv64" fn(*mut Value) -> u64 =
        unsafe { std::mem::transmute(asm.buf.ptr(asm.entry)) };
    let name = format!(
        "{}:{}",
        molt_vm::ops::str_of(code.qualname).unwrap_or("?"),
        code.line_of(header as usize)
    );
    if config().dump {
        let kind = if is_side { "side trace" } else { "trace" };
        eprintln!("--- {} {} (loop header at pc {})", kind, name, header);
        eprint!("{}", trace);
        let bytes = &asm.buf[asm.entry.0..];
        eprintln!("--- machine code, {} bytes", bytes.len());
        for chunk in bytes.chunks(32) {
            let line: Vec<String> = chunk.iter().map(|b| format!("{:02x}", b)).collect();
            eprintln!("{}", line.join(" "));
        }
    }
    let n = trace.snaps.len();
    Ok(Box::new(CompiledTrace {
        name,
        ir: trace,
        machine_code: asm,
        entry,
        entries: Cell::new(0),
        globals,
        exits: (0..n).map(|_| Cell::new(0)).collect(),
        links: (0..n).map(|_| Cell::new(NO_LINK)).collect(),
        exit_aborts: (0..n).map(|_| Cell::new(0)).collect(),
        is_side,
    }))
}

#[cfg(not(target_arch = "x86_64"))]
fn compile(
    _j: &mut Jit,
    _code: &CodeObject,
    _header: u32,
    _trace: ir::Trace,
    _is_side: bool,
    _globals: Value,
) -> Result<Box<CompiledTrace>, String> {
    Err("no backend for this architecture".into())
}

/// Print the statistics to stderr if they were asked for.
pub fn report() {
    if !config().stats {
        return;
    }
    JIT.with(|j| {
        let j = j.borrow();
        let s = &j.stats;
        eprintln!("molt jit: {}", if enabled() { "on" } else { "off" });
        eprintln!("  threshold          {}", config().threshold);
        eprintln!("  traces recorded    {}", s.recorded);
        eprintln!("  traces compiled    {}", s.compiled);
        eprintln!("  side traces        {}", s.side_traces);
        eprintln!("  recordings aborted {}", s.aborts.values().sum::<u64>());
        for (why, n) in &s.aborts {
            eprintln!("    {:>6}  {}", n, why);
        }
        eprintln!(
            "  time recording     {:.3} ms",
            s.recording_time.as_secs_f64() * 1e3
        );
        eprintln!(
            "  time compiling     {:.3} ms",
            s.compile_time.as_secs_f64() * 1e3
        );
        for t in &j.traces {
            let exits: Vec<String> = t
                .exits
                .iter()
                .enumerate()
                .filter(|(_, c)| c.get() > 0)
                .map(|(k, c)| format!("#{} (pc {}) x{}", k, t.ir.snaps[k].pc, c.get()))
                .collect();
            #[cfg(target_arch = "x86_64")]
            let bytes = t.machine_code.buf.len();
            #[cfg(not(target_arch = "x86_64"))]
            let bytes = 0;
            eprintln!(
                "  {} {}: {} IR instructions, {} bytes, entered {} times, exits: {}",
                if t.is_side { "side trace" } else { "trace" },
                t.name,
                t.ir.insts.len(),
                bytes,
                t.entries.get(),
                if exits.is_empty() {
                    "none".to_string()
                } else {
                    exits.join(", ")
                }
            );
        }
    })
}
