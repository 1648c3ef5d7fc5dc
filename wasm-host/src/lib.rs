//! Molt's AOT wasm tier.
//!
//! [`build`] compiles a Python module to a wasm module (one wasm function
//! per code object; see [`compile`]); a [`Sandbox`] runs such modules
//! under wasmtime with limits ([`Limits`]: fuel, memory) and capabilities
//! ([`Capabilities`]: none can be granted yet; stdout and stderr are
//! captured and returned in [`RunOutput`]). The guest's objects live in a
//! host-side VM, one per run; the guest holds them only as handles of that
//! VM's handle table ([`abi`] describes the value words and the `molt.*`
//! imports), and a stale or made-up handle raises `SystemError` inside the
//! guest instead of reaching any object.
//!
//! ```no_run
//! use molt_wasm_host::{build, Limits, Sandbox};
//! let wasm = build("x = 6\nprint(x * 7)\n", "app.py").expect("supported");
//! let mut sandbox = Sandbox::new(Limits { fuel: Some(10_000_000), max_memory: Some(64 << 20) });
//! sandbox.load(&wasm).expect("a molt module");
//! let out = sandbox.run_main().expect("ran");
//! assert_eq!((out.status, out.stdout), (0, b"42\n".to_vec()));
//! ```

pub mod abi;
pub mod compile;
pub mod format;
pub mod sandbox;

pub use compile::{build, BuildError};
pub use sandbox::{
    Capabilities, Limits, RunOutput, Sandbox, SandboxError, EXIT_LIMIT, EXIT_REJECTED,
};
