"""Loading a saved model without running anything a trained s301 model does not contain.

A joblib file is a pickle, and unpickling can call any function the file names: whoever can write
`models/` could make `explain`, `score` and the app run their code, and rewrite the model card's
sha256 to match (the card is not a security boundary). So before anything is unpickled, every
opcode of the file is walked with pickletools (`scan`) and every global it would import is checked
against what a trained s301 model is made of (skops' "trusted types" idea, with joblib kept as the
file format):

- the project's own classes (any class defined in a `recommender.` module: the estimators, the
  fitted-model wrapper, whatever the model code adds) and, as values only, its functions (the
  functions a FunctionTransformer holds, e.g. recommender.estimator._log1p; they are never called
  while loading);
- scikit-learn's classes (any class defined in a `sklearn.` module, test helpers excepted);
- numpy's array, dtype and scalar classes, its random-state classes and ufuncs, and the few
  functions numpy's and Python's own pickling call (numpy's `_reconstruct`, `scalar`, `_frombuffer`,
  the random-state constructors, `copyreg._reconstructor`, `_codecs.encode`);
- scipy.sparse's classes; plain builtin types (list, dict, set, slice, ...) and collections'
  OrderedDict / defaultdict / deque; joblib's NumpyArrayWrapper.

Anything else (os.system, builtins.eval or getattr, subprocess, numpy.load, a function of any
other module, ...) is refused with a message naming it, and nothing is imported for a module
outside the allowed packages. A global is judged by the object it resolves to, not by the name it
is asked under (`sklearn.utils.fixes.os.system` is os.system). Only classes and the functions above
may be *called* by the pickle (REDUCE, NEWOBJ, INST, OBJ); project functions are values only.

joblib writes each numpy array as a NumpyArrayWrapper object followed by the array's raw bytes
(not pickle opcodes), or, for arrays of Python objects, by a nested pickle: the walk reads the
wrapper's state (shape, dtype, alignment padding) to step over the raw bytes, and walks nested
pickles too. Compressed joblib files (zlib, gzip, bz2, xz, lzma) are walked decompressed.

The file is read once: the sha256 check, the walk and the unpickling (by joblib's unpickler, its
find_class restricted to the same allow-list as a second line of defence) all use the same bytes.
"""
from __future__ import annotations

import builtins
import importlib
import io
import pickletools
import types
from dataclasses import dataclass, field
from typing import Any

MAX_STREAM_BYTES = 1 << 30
"""A model stream (decompressed) larger than this is refused: s301 models are kilobytes to megabytes."""

_ROOTS = ("numpy", "scipy", "sklearn", "recommender", "joblib", "builtins", "copyreg", "_codecs", "collections")
_BUILTIN_TYPES = frozenset(("object", "list", "dict", "tuple", "set", "frozenset", "slice", "complex", "bytes",
                            "bytearray", "str", "int", "float", "bool", "range"))
_COLLECTIONS = frozenset(("OrderedDict", "defaultdict", "deque"))
_CALLABLE = ("class", "reconstructor", "ufunc")


class UnsafePickle(Exception):
    """The file names something a trained s301 model does not contain, or is not a well-formed pickle."""


@dataclass(eq=False)
class _Global:
    module: str
    name: str
    obj: Any
    kind: str            # class, reconstructor, ufunc, function (value only)

    @property
    def dotted(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass(eq=False)
class _Obj:
    """What a call or instantiation in the pickle would make (never made here)."""
    made_by: Any
    args: Any
    state: Any = None
    items: list = field(default_factory=list)


class _SetItems(list):
    """A set's items (kept as a list: their values may not be hashable here)."""


_MARK = object()


# ---------------------------------------------------------------- the allow-list

def _safe_callables() -> list:
    """The functions (not classes) that numpy's and Python's pickling call while loading."""
    out = []
    import copyreg
    import _codecs
    out += [copyreg._reconstructor, _codecs.encode]
    import numpy as np
    core = "numpy._core" if hasattr(np, "_core") else "numpy.core"   # numpy 2 / numpy 1 (the same objects)
    for modname, names in ((f"{core}.multiarray", ("_reconstruct", "scalar")), (f"{core}.numeric", ("_frombuffer",)),
                           ("numpy.random._pickle", ("__randomstate_ctor", "__generator_ctor",
                                                     "__bit_generator_ctor"))):
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        out += [getattr(mod, n) for n in names if hasattr(mod, n)]
    return out


_SAFE_CALLABLES: list | None = None


def _is_safe_callable(obj: Any) -> bool:
    global _SAFE_CALLABLES
    if _SAFE_CALLABLES is None:
        _SAFE_CALLABLES = _safe_callables()
    return any(obj is f for f in _SAFE_CALLABLES)


def _class_kind(obj: type) -> str | None:
    """'class' when instances of this class may be in a trained s301 model, else None."""
    mod = getattr(obj, "__module__", "") or ""
    root = mod.split(".", 1)[0]
    if root == "recommender":
        return "class"
    if root == "sklearn":
        return None if ("._testing" in mod or ".tests" in mod) else "class"
    if root == "numpy":
        import numpy as np
        if obj is np.ndarray or issubclass(obj, (np.generic, np.dtype)):
            return "class"
        if mod.startswith("numpy.random"):
            return "class"
        return None
    if mod.startswith("scipy.sparse"):
        return "class"
    if root == "builtins" and obj.__name__ in _BUILTIN_TYPES and getattr(builtins, obj.__name__, None) is obj:
        return "class"
    if root == "collections" and obj.__name__ in _COLLECTIONS:
        return "class"
    if mod == "joblib.numpy_pickle" and obj.__name__ == "NumpyArrayWrapper":
        return "class"
    return None


def check_global(module: str, name: str) -> _Global:
    """The global `module.name` if a trained s301 model may contain it, else UnsafePickle naming it.
    Modules outside the allowed packages are never imported."""
    dotted = f"{module}.{name}"
    root = module.split(".", 1)[0]
    if root not in _ROOTS:
        raise UnsafePickle(f"{dotted} (module {module} is not one a model is made of)")
    if root == "joblib" and dotted != "joblib.numpy_pickle.NumpyArrayWrapper":
        raise UnsafePickle(f"{dotted} (of joblib, only its array wrapper is expected)")
    if root == "builtins" and name not in _BUILTIN_TYPES:
        raise UnsafePickle(f"{dotted} (a builtin function; only plain builtin types are expected)")
    try:
        obj = importlib.import_module(module)
    except Exception:
        raise UnsafePickle(f"{dotted} (module {module} cannot be imported)") from None
    for part in name.split("."):
        if part.startswith("__") and part.endswith("__"):
            raise UnsafePickle(f"{dotted} (a special attribute)")
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UnsafePickle(f"{dotted} (no such name)") from None
    if isinstance(obj, type):
        kind = _class_kind(obj)
        if kind:
            return _Global(module, name, obj, kind)
        real = f"{obj.__module__}.{obj.__qualname__}"
        raise UnsafePickle(f"{dotted}" + (f" (= {real})" if real != dotted else "")
                           + " (a class no trained s301 model contains)")
    if _is_safe_callable(obj):
        return _Global(module, name, obj, "reconstructor")
    last = name.rsplit(".", 1)[-1]
    if last.startswith("__pyx_unpickle_") and callable(obj) and not isinstance(obj, (type, types.FunctionType)) \
            and type(obj).__name__ in ("cython_function_or_method", "builtin_function_or_method") \
            and root in ("numpy", "scipy", "sklearn"):
        # Cython's reconstructor of an extension type (numpy's SeedSequence, sklearn's tree and loss
        # objects): allowed when the class it makes, beside it in its module, is
        cls = getattr(importlib.import_module(module), last[len("__pyx_unpickle_"):], None)
        if isinstance(cls, type) and _class_kind(cls) or last == "__pyx_unpickle_Enum":
            return _Global(module, name, obj, "reconstructor")
    import numpy as np
    if isinstance(obj, np.ufunc):
        return _Global(module, name, obj, "ufunc")
    if isinstance(obj, types.FunctionType) and (obj.__module__ or "").startswith("recommender."):
        return _Global(module, name, obj, "function")
    real = f"{getattr(obj, '__module__', None) or '?'}.{getattr(obj, '__qualname__', None) or type(obj).__name__}"
    raise UnsafePickle(f"{dotted}" + (f" (= {real})" if real != dotted else "")
                       + " (a function or object no trained s301 model contains)")


# ---------------------------------------------------------------- walking the opcodes

_LITERALS = frozenset(("INT", "BININT", "BININT1", "BININT2", "LONG", "LONG1", "LONG4", "FLOAT", "BINFLOAT",
                       "STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE", "BINUNICODE", "SHORT_BINUNICODE",
                       "BINUNICODE8", "BINBYTES", "SHORT_BINBYTES", "BINBYTES8"))
_REFUSED = {"PERSID": "a persistent id", "BINPERSID": "a persistent id", "EXT1": "the extension registry",
            "EXT2": "the extension registry", "EXT4": "the extension registry",
            "NEXT_BUFFER": "an out-of-band buffer", "READONLY_BUFFER": "an out-of-band buffer"}


class _Walk:
    """One pickle stream, opcode by opcode, with a stack and memo of stand-ins for its values."""

    def __init__(self, fh, found: list[_Global], depth: int = 0):
        self.fh = fh
        self.found = found
        self.depth = depth
        self.stack: list = []
        self.marks: list[list] = []
        self.memo: dict = {}

    # -- stack helpers
    def pop(self):
        if not self.stack:
            raise UnsafePickle("a malformed pickle (stack underflow)")
        return self.stack.pop()

    def pop_mark(self) -> list:
        if not self.marks:
            raise UnsafePickle("a malformed pickle (no mark)")
        items = self.stack
        self.stack = self.marks.pop()
        return items

    def top(self):
        if not self.stack:
            raise UnsafePickle("a malformed pickle (stack underflow)")
        return self.stack[-1]

    def callable_(self, x, how: str) -> None:
        if not isinstance(x, _Global):
            raise UnsafePickle(f"a call ({how}) of something that is not a named class or function")
        if x.kind not in _CALLABLE:
            raise UnsafePickle(f"{x.dotted} (called by {how}; only classes and numpy's own reconstructors may be)")

    def global_(self, module, name) -> _Global:
        if not isinstance(module, str) or not isinstance(name, str):
            raise UnsafePickle("a malformed pickle (a global whose name is not text)")
        g = check_global(module, name)
        self.found.append(g)
        return g

    # -- the walk
    def run(self) -> None:
        for op, arg, pos in pickletools.genops(self.fh):
            name = op.name
            if name in _LITERALS:
                self.stack.append(arg)
            elif name in ("PROTO", "FRAME"):
                pass
            elif name == "STOP":
                return
            elif name == "MARK":
                self.marks.append(self.stack)
                self.stack = []
            elif name == "POP":
                if self.stack:
                    self.stack.pop()
                else:
                    self.pop_mark()
            elif name == "POP_MARK":
                self.pop_mark()
            elif name == "DUP":
                self.stack.append(self.top())
            elif name == "NONE":
                self.stack.append(None)
            elif name == "NEWTRUE":
                self.stack.append(True)
            elif name == "NEWFALSE":
                self.stack.append(False)
            elif name == "BYTEARRAY8":
                self.stack.append(bytearray(arg))
            elif name == "EMPTY_LIST":
                self.stack.append([])
            elif name == "EMPTY_DICT":
                self.stack.append({})
            elif name == "EMPTY_TUPLE":
                self.stack.append(())
            elif name == "EMPTY_SET":
                self.stack.append(_SetItems())
            elif name == "APPEND":
                v = self.pop()
                self._add(self.top(), [v])
            elif name == "APPENDS":
                items = self.pop_mark()
                self._add(self.top(), items)
            elif name == "LIST":
                items = list(self.pop_mark())   # pop first: it replaces self.stack
                self.stack.append(items)
            elif name == "TUPLE":
                items = tuple(self.pop_mark())
                self.stack.append(items)
            elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
                k = int(name[-1])
                if len(self.stack) < k:
                    raise UnsafePickle("a malformed pickle (stack underflow)")
                items = tuple(self.stack[-k:])
                del self.stack[-k:]
                self.stack.append(items)
            elif name == "DICT":
                items = self.pop_mark()
                d: dict = {}
                self._set(d, items)
                self.stack.append(d)
            elif name == "SETITEM":
                v = self.pop()
                k = self.pop()
                self._set(self.top(), [k, v])
            elif name == "SETITEMS":
                items = self.pop_mark()
                self._set(self.top(), items)
            elif name == "ADDITEMS":
                items = self.pop_mark()
                self._add(self.top(), items)
            elif name == "FROZENSET":
                items = _SetItems(self.pop_mark())
                self.stack.append(items)
            elif name in ("GET", "BINGET", "LONG_BINGET"):
                if arg not in self.memo:
                    raise UnsafePickle("a malformed pickle (memo key missing)")
                self.stack.append(self.memo[arg])
            elif name in ("PUT", "BINPUT", "LONG_BINPUT"):
                self.memo[arg] = self.top()
            elif name == "MEMOIZE":
                self.memo[len(self.memo)] = self.top()
            elif name == "GLOBAL":
                module, _, gname = str(arg).partition(" ")
                self.stack.append(self.global_(module, gname))
            elif name == "STACK_GLOBAL":
                gname = self.pop()
                module = self.pop()
                self.stack.append(self.global_(module, gname))
            elif name == "INST":
                module, _, gname = str(arg).partition(" ")
                args = self.pop_mark()
                cls = self.global_(module, gname)
                self.callable_(cls, "INST")
                self.stack.append(_Obj(cls, tuple(args)))
            elif name == "OBJ":
                items = self.pop_mark()
                if not items:
                    raise UnsafePickle("a malformed pickle (OBJ without a class)")
                self.callable_(items[0], "OBJ")
                self.stack.append(_Obj(items[0], tuple(items[1:])))
            elif name == "NEWOBJ":
                args = self.pop()
                cls = self.pop()
                self.callable_(cls, "NEWOBJ")
                self.stack.append(_Obj(cls, args))
            elif name == "NEWOBJ_EX":
                kwargs = self.pop()
                args = self.pop()
                cls = self.pop()
                self.callable_(cls, "NEWOBJ_EX")
                self.stack.append(_Obj(cls, (args, kwargs)))
            elif name == "REDUCE":
                args = self.pop()
                func = self.pop()
                self.callable_(func, "REDUCE")
                self.stack.append(self._reduce(func, args))
            elif name == "BUILD":
                state = self.pop()
                self._build(self.top(), state)
            elif name in _REFUSED:
                raise UnsafePickle(f"{_REFUSED[name]} ({name}), which s301 never writes")
            else:
                raise UnsafePickle(f"an unknown pickle opcode {name}")
            if pos is not None and pos > MAX_STREAM_BYTES:
                raise UnsafePickle("a model stream over 1 GB")
        raise UnsafePickle("a truncated pickle (no STOP)")

    def _add(self, target, items) -> None:
        if isinstance(target, list):
            target.extend(items)
        elif isinstance(target, _Obj):
            target.items.extend(items)
        else:
            raise UnsafePickle("a malformed pickle (items added to a value that holds none)")

    def _set(self, target, items) -> None:
        if len(items) % 2:
            raise UnsafePickle("a malformed pickle (odd number of dict items)")
        pairs = list(zip(items[0::2], items[1::2]))
        if isinstance(target, dict):
            for k, v in pairs:
                try:
                    target[k] = v
                except TypeError:
                    raise UnsafePickle("a malformed pickle (unhashable dict key)") from None
        elif isinstance(target, _Obj):
            target.items.extend(pairs)
        else:
            raise UnsafePickle("a malformed pickle (items set on a value that holds none)")

    def _reduce(self, func: _Global, args):
        import numpy as np
        if func.obj is np.dtype and isinstance(args, tuple) and all(isinstance(a, (str, bool, int)) for a in args):
            try:
                return np.dtype(*args)      # a dtype from plain values: safe to make, needed for array sizes
            except Exception:
                raise UnsafePickle("a malformed pickle (a dtype numpy does not know)") from None
        return _Obj(func, args)

    def _build(self, inst, state) -> None:
        import numpy as np
        if isinstance(inst, np.dtype):
            try:
                inst.__setstate__(state)
            except Exception:
                raise UnsafePickle("a malformed pickle (a dtype state numpy does not accept)") from None
            return
        if isinstance(inst, _Obj):
            inst.state = state
            from joblib.numpy_pickle import NumpyArrayWrapper
            if isinstance(inst.made_by, _Global) and inst.made_by.obj is NumpyArrayWrapper:
                self._array_data(state)
            return
        if isinstance(inst, _Global):   # setting attributes of a class or function: rewriting code
            raise UnsafePickle(f"{inst.dotted} (its attributes set by the pickle, which joblib never writes)")
        if isinstance(inst, (dict, list, tuple)) or inst is None:
            raise UnsafePickle("a malformed pickle (BUILD on a plain value)")

    def _array_data(self, state) -> None:
        """Step over the raw bytes (or walk the nested pickle) that follow a NumpyArrayWrapper,
        exactly as joblib's NumpyArrayWrapper.read_array reads them."""
        import numpy as np
        if not isinstance(state, dict):
            raise UnsafePickle("a malformed joblib array wrapper")
        dtype, shape = state.get("dtype"), state.get("shape")
        if not isinstance(dtype, np.dtype) or not isinstance(shape, tuple) or \
                not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape):
            raise UnsafePickle("a malformed joblib array wrapper (shape or dtype)")
        if dtype.hasobject:
            if self.depth > 8:
                raise UnsafePickle("nested pickles more than 8 deep")
            _Walk(self.fh, self.found, self.depth + 1).run()
            return
        count = 1
        for s in shape:
            count *= s
        if state.get("numpy_array_alignment_bytes") is not None:
            pad = self.fh.read(1)
            if len(pad) != 1:
                raise UnsafePickle("a truncated joblib array")
            self._skip(pad[0])
        self._skip(count * dtype.itemsize)

    def _skip(self, n: int) -> None:
        if n > MAX_STREAM_BYTES:
            raise UnsafePickle("an array over 1 GB")
        while n > 0:
            block = self.fh.read(min(n, 1 << 20))
            if not block:
                raise UnsafePickle("a truncated joblib array")
            n -= len(block)


def scan(data: bytes) -> list[_Global]:
    """Walk a joblib file's bytes (any of joblib's compressions) without unpickling anything; the
    globals it would import, each checked (UnsafePickle for the first that is not allowed, or for
    a file that is not a well-formed joblib pickle)."""
    from joblib.numpy_pickle_utils import _validate_fileobject_and_memmap
    found: list[_Global] = []
    try:
        with _validate_fileobject_and_memmap(io.BytesIO(data), "", None) as (fh, _):
            if isinstance(fh, str):
                raise UnsafePickle("the old joblib format (< 0.10), which reads companion files")
            _Walk(fh, found).run()
            if fh.read(1):   # joblib writes nothing after the pickle: the walk went astray, or data was added
                raise UnsafePickle("data after the end of the pickle")
    except UnsafePickle:
        raise
    except Exception as exc:   # genops' ValueError on a bad opcode, a damaged compressed stream ...
        raise UnsafePickle(f"a malformed pickle ({type(exc).__name__}: {str(exc)[:100]})") from None
    return found


def load(data: bytes, filename: str = "") -> Any:
    """Unpickle joblib bytes after `scan` found nothing outside the allow-list; joblib's own
    unpickler, with find_class checking the allow-list again."""
    scan(data)
    from joblib.numpy_pickle import NumpyUnpickler
    from joblib.numpy_pickle_utils import _validate_fileobject_and_memmap

    class Restricted(NumpyUnpickler):
        def find_class(self, module, name):
            check_global(module, name)
            return super().find_class(module, name)

    with _validate_fileobject_and_memmap(io.BytesIO(data), filename, None) as (fh, _):
        return Restricted(filename, fh, True).load()
