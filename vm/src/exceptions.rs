//! The builtin exception hierarchy and helpers for raising exceptions from Rust.

use crate::object::{ExcData, GcCell, Kind, Layout};
use crate::value::Value;
use crate::vm::{PyErr, Vm};

macro_rules! exceptions {
    ($($field:ident : $parent:ident),* $(,)?) => {
        /// Every builtin exception class.
        #[allow(non_snake_case)]
        /// `ExceptionGroup` is the one with two bases (BaseExceptionGroup and Exception).
        pub struct ExcTypes { pub BaseException: Value, $(pub $field: Value,)* pub ExceptionGroup: Value }
        impl ExcTypes {
            pub fn empty() -> ExcTypes {
                ExcTypes { BaseException: Value::NONE, $($field: Value::NONE,)* ExceptionGroup: Value::NONE }
            }
            pub fn for_each(&self, mut f: impl FnMut(Value)) {
                f(self.BaseException);
                $(f(self.$field);)*
                f(self.ExceptionGroup);
            }
            /// (name, class) of every builtin exception, for the builtins module.
            pub fn all(&self) -> Vec<(&'static str, Value)> {
                vec![
                    ("BaseException", self.BaseException),
                    $((stringify!($field), self.$field),)*
                    ("ExceptionGroup", self.ExceptionGroup),
                ]
            }
        }
        pub fn create(vm: &mut Vm) {
            let obj = vm.t.object;
            vm.exc.BaseException = vm.make_builtin_class("BaseException", &[obj], Layout::Exception);
            $(
                let parent = vm.exc.$parent;
                vm.exc.$field = vm.make_builtin_class(stringify!($field), &[parent], Layout::Exception);
            )*
            let bases = [vm.exc.BaseExceptionGroup, vm.exc.Exception];
            vm.exc.ExceptionGroup = vm.make_builtin_class("ExceptionGroup", &bases, Layout::Exception);
        }
    };
}

exceptions! {
    Exception: BaseException,
    BaseExceptionGroup: BaseException,
    GeneratorExit: BaseException,
    KeyboardInterrupt: BaseException,
    SystemExit: BaseException,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    BlockingIOError: OSError,
    ChildProcessError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError,
    FileExistsError: OSError,
    FileNotFoundError: OSError,
    InterruptedError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    PermissionError: OSError,
    ProcessLookupError: OSError,
    TimeoutError: OSError,
    ReferenceError: Exception,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    StopAsyncIteration: Exception,
    StopIteration: Exception,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError,
    UnicodeTranslateError: UnicodeError,
    Warning: Exception,
    BytesWarning: Warning,
    DeprecationWarning: Warning,
    EncodingWarning: Warning,
    FutureWarning: Warning,
    ImportWarning: Warning,
    PendingDeprecationWarning: Warning,
    ResourceWarning: Warning,
    RuntimeWarning: Warning,
    SyntaxWarning: Warning,
    UnicodeWarning: Warning,
    UserWarning: Warning,
}

impl Vm {
    /// A new exception instance of `cls` with `args` (no __init__ call).
    pub fn new_exception(&mut self, cls: Value, args: Vec<Value>) -> Value {
        let args = self.new_tuple(args);
        self.alloc(
            cls,
            Kind::Exception(Box::new(GcCell::new(ExcData {
                args,
                traceback: Vec::new(),
                cause: Value::NONE,
                context: Value::NONE,
                suppress_context: false,
                reraise_only: false,
                group: None,
                tb_object: (Value::NONE, 0),
            }))),
        )
    }

    /// `cls(msg)` as a PyErr, ready to return.
    pub fn err(&mut self, cls: Value, msg: impl AsRef<str>) -> PyErr {
        let m = self.new_str(msg.as_ref());
        PyErr(self.new_exception(cls, vec![m]))
    }

    pub fn type_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.TypeError;
        self.err(c, msg)
    }
    pub fn value_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.ValueError;
        self.err(c, msg)
    }
    pub fn index_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.IndexError;
        self.err(c, msg)
    }
    pub fn attribute_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.AttributeError;
        self.err(c, msg)
    }
    pub fn overflow_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.OverflowError;
        self.err(c, msg)
    }
    pub fn zero_division(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.ZeroDivisionError;
        self.err(c, msg)
    }
    pub fn runtime_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let c = self.exc.RuntimeError;
        self.err(c, msg)
    }
    pub fn name_error(&mut self, name: &str) -> PyErr {
        let c = self.exc.NameError;
        let e = self.err(c, format!("name '{}' is not defined", name));
        let n = self.new_str(name);
        self.set_attr_str_on_instance(e.0, "name", n);
        e
    }
    /// KeyError(key): the key itself is the argument.
    pub fn key_error(&mut self, key: Value) -> PyErr {
        let c = self.exc.KeyError;
        PyErr(self.new_exception(c, vec![key]))
    }
    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let c = self.exc.StopIteration;
        let e = self.new_exception(c, if value.is_none() { vec![] } else { vec![value] });
        self.set_attr_str_on_instance(e, "value", value);
        PyErr(e)
    }

    /// Set an attribute on an exception or instance without running Python code.
    pub fn set_attr_str_on_instance(&mut self, obj: Value, name: &str, value: Value) {
        let k = self.intern(name);
        crate::ops::attr::store_instance_attr(self, obj, k, value);
    }

    /// Is `exc` an instance of `cls` (or a subclass)?
    pub fn exc_matches(&self, exc: Value, cls: Value) -> bool {
        crate::class::is_subclass(exc.as_obj().class(), cls)
    }
}

/// The exception payload of an exception value.
pub fn exc_data(v: Value) -> Option<&'static mut ExcData> {
    match &v.obj()?.kind {
        Kind::Exception(e) => Some(e.get()),
        _ => None,
    }
}

/// The `__traceback__` chain of an exception: `traceback` objects (outermost
/// first, linked by `tb_next`) with `tb_lineno` and a `tb_frame` whose
/// `f_code` is the code object and `f_globals` its globals; None when the
/// exception was never raised.
pub fn traceback_object(vm: &mut Vm, e: Value) -> Value {
    let (entries, (cached, covered)) = match exc_data(e) {
        Some(d) => (d.traceback.clone(), d.tb_object),
        None => return Value::NONE,
    };
    // Entries are only ever appended (outer frames), so the object built
    // earlier stays the tail of the chain.
    let (mut next, start) = if covered <= entries.len() && (covered > 0 || cached.is_none()) {
        (cached, covered)
    } else {
        (Value::NONE, 0)
    };
    for t in entries[start..].iter() {
        let tb_cls = vm.t.traceback;
        let frame = if t.frame.is_none() {
            crate::frameobj::dead_frame_object(vm, t.code, t.globals, t.pc as usize + 1)
        } else {
            t.frame
        };
        let line = vm.new_int(t.line as i64);
        let tb = vm.new_instance(tb_cls);
        vm.set_attr_str_on_instance(tb, "tb_frame", frame);
        vm.set_attr_str_on_instance(tb, "tb_lineno", line);
        // CPython-style offset: two bytes per instruction (see `co_code`).
        let lasti = vm.new_int(2 * t.pc as i64);
        vm.set_attr_str_on_instance(tb, "tb_lasti", lasti);
        vm.set_attr_str_on_instance(tb, "tb_next", next);
        next = tb;
    }
    if let Some(d) = exc_data(e) {
        d.tb_object = (next, entries.len());
    }
    next
}
