"""The node classes of Python's abstract syntax tree (molt's `_ast`).

The classes, their bases, `_fields` and `_attributes` come from the table
below (regenerated from CPython 3.11 by shims/tools/gen_ast.py).  Parsing
source to these nodes (`compile(..., PyCF_ONLY_AST)`) is not supported yet.
"""

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192


class AST:
    _fields = ()
    _attributes = ()

    def __init__(self, *args, **kwargs):
        if len(args) > len(self._fields):
            raise TypeError(
                f"{type(self).__name__} constructor takes at most "
                f"{len(self._fields)} positional argument{'' if len(self._fields) == 1 else 's'}"
            )
        for name, value in zip(self._fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __reduce__(self):
        return type(self), (), self.__dict__


AST.__module__ = "ast"

_NODES = """
mod:AST::
Module:mod:body type_ignores:
Interactive:mod:body:
Expression:mod:body:
FunctionType:mod:argtypes returns:
stmt:AST::lineno col_offset end_lineno end_col_offset
FunctionDef:stmt:name args body decorator_list returns type_comment:lineno col_offset end_lineno end_col_offset
AsyncFunctionDef:stmt:name args body decorator_list returns type_comment:lineno col_offset end_lineno end_col_offset
ClassDef:stmt:name bases keywords body decorator_list:lineno col_offset end_lineno end_col_offset
Return:stmt:value:lineno col_offset end_lineno end_col_offset
Delete:stmt:targets:lineno col_offset end_lineno end_col_offset
Assign:stmt:targets value type_comment:lineno col_offset end_lineno end_col_offset
AugAssign:stmt:target op value:lineno col_offset end_lineno end_col_offset
AnnAssign:stmt:target annotation value simple:lineno col_offset end_lineno end_col_offset
For:stmt:target iter body orelse type_comment:lineno col_offset end_lineno end_col_offset
AsyncFor:stmt:target iter body orelse type_comment:lineno col_offset end_lineno end_col_offset
While:stmt:test body orelse:lineno col_offset end_lineno end_col_offset
If:stmt:test body orelse:lineno col_offset end_lineno end_col_offset
With:stmt:items body type_comment:lineno col_offset end_lineno end_col_offset
AsyncWith:stmt:items body type_comment:lineno col_offset end_lineno end_col_offset
Match:stmt:subject cases:lineno col_offset end_lineno end_col_offset
Raise:stmt:exc cause:lineno col_offset end_lineno end_col_offset
Try:stmt:body handlers orelse finalbody:lineno col_offset end_lineno end_col_offset
TryStar:stmt:body handlers orelse finalbody:lineno col_offset end_lineno end_col_offset
Assert:stmt:test msg:lineno col_offset end_lineno end_col_offset
Import:stmt:names:lineno col_offset end_lineno end_col_offset
ImportFrom:stmt:module names level:lineno col_offset end_lineno end_col_offset
Global:stmt:names:lineno col_offset end_lineno end_col_offset
Nonlocal:stmt:names:lineno col_offset end_lineno end_col_offset
Expr:stmt:value:lineno col_offset end_lineno end_col_offset
Pass:stmt::lineno col_offset end_lineno end_col_offset
Break:stmt::lineno col_offset end_lineno end_col_offset
Continue:stmt::lineno col_offset end_lineno end_col_offset
expr:AST::lineno col_offset end_lineno end_col_offset
BoolOp:expr:op values:lineno col_offset end_lineno end_col_offset
NamedExpr:expr:target value:lineno col_offset end_lineno end_col_offset
BinOp:expr:left op right:lineno col_offset end_lineno end_col_offset
UnaryOp:expr:op operand:lineno col_offset end_lineno end_col_offset
Lambda:expr:args body:lineno col_offset end_lineno end_col_offset
IfExp:expr:test body orelse:lineno col_offset end_lineno end_col_offset
Dict:expr:keys values:lineno col_offset end_lineno end_col_offset
Set:expr:elts:lineno col_offset end_lineno end_col_offset
ListComp:expr:elt generators:lineno col_offset end_lineno end_col_offset
SetComp:expr:elt generators:lineno col_offset end_lineno end_col_offset
DictComp:expr:key value generators:lineno col_offset end_lineno end_col_offset
GeneratorExp:expr:elt generators:lineno col_offset end_lineno end_col_offset
Await:expr:value:lineno col_offset end_lineno end_col_offset
Yield:expr:value:lineno col_offset end_lineno end_col_offset
YieldFrom:expr:value:lineno col_offset end_lineno end_col_offset
Compare:expr:left ops comparators:lineno col_offset end_lineno end_col_offset
Call:expr:func args keywords:lineno col_offset end_lineno end_col_offset
FormattedValue:expr:value conversion format_spec:lineno col_offset end_lineno end_col_offset
JoinedStr:expr:values:lineno col_offset end_lineno end_col_offset
Constant:expr:value kind:lineno col_offset end_lineno end_col_offset
Attribute:expr:value attr ctx:lineno col_offset end_lineno end_col_offset
Subscript:expr:value slice ctx:lineno col_offset end_lineno end_col_offset
Starred:expr:value ctx:lineno col_offset end_lineno end_col_offset
Name:expr:id ctx:lineno col_offset end_lineno end_col_offset
List:expr:elts ctx:lineno col_offset end_lineno end_col_offset
Tuple:expr:elts ctx:lineno col_offset end_lineno end_col_offset
Slice:expr:lower upper step:lineno col_offset end_lineno end_col_offset
expr_context:AST::
Load:expr_context::
Store:expr_context::
Del:expr_context::
boolop:AST::
And:boolop::
Or:boolop::
operator:AST::
Add:operator::
Sub:operator::
Mult:operator::
MatMult:operator::
Div:operator::
Mod:operator::
Pow:operator::
LShift:operator::
RShift:operator::
BitOr:operator::
BitXor:operator::
BitAnd:operator::
FloorDiv:operator::
unaryop:AST::
Invert:unaryop::
Not:unaryop::
UAdd:unaryop::
USub:unaryop::
cmpop:AST::
Eq:cmpop::
NotEq:cmpop::
Lt:cmpop::
LtE:cmpop::
Gt:cmpop::
GtE:cmpop::
Is:cmpop::
IsNot:cmpop::
In:cmpop::
NotIn:cmpop::
comprehension:AST:target iter ifs is_async:
excepthandler:AST::lineno col_offset end_lineno end_col_offset
ExceptHandler:excepthandler:type name body:lineno col_offset end_lineno end_col_offset
arguments:AST:posonlyargs args vararg kwonlyargs kw_defaults kwarg defaults:
arg:AST:arg annotation type_comment:lineno col_offset end_lineno end_col_offset
keyword:AST:arg value:lineno col_offset end_lineno end_col_offset
alias:AST:name asname:lineno col_offset end_lineno end_col_offset
withitem:AST:context_expr optional_vars:
match_case:AST:pattern guard body:
pattern:AST::lineno col_offset end_lineno end_col_offset
MatchValue:pattern:value:lineno col_offset end_lineno end_col_offset
MatchSingleton:pattern:value:lineno col_offset end_lineno end_col_offset
MatchSequence:pattern:patterns:lineno col_offset end_lineno end_col_offset
MatchMapping:pattern:keys patterns rest:lineno col_offset end_lineno end_col_offset
MatchClass:pattern:cls patterns kwd_attrs kwd_patterns:lineno col_offset end_lineno end_col_offset
MatchStar:pattern:name:lineno col_offset end_lineno end_col_offset
MatchAs:pattern:pattern name:lineno col_offset end_lineno end_col_offset
MatchOr:pattern:patterns:lineno col_offset end_lineno end_col_offset
type_ignore:AST::
TypeIgnore:type_ignore:lineno tag:
"""


def _build():
    made = {"AST": AST}
    for line in _NODES.strip().splitlines():
        name, base, fields, attrs = line.split(":")
        cls = type(name, (made[base],), {
            "_fields": tuple(fields.split()) if fields else (),
            "_attributes": tuple(attrs.split()) if attrs else (),
            "__module__": "ast",
        })
        made[name] = cls
        globals()[name] = cls


_build()
del _build
