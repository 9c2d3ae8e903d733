"""The values of a YAML text exactly as ruamel's safe loader (`YAML(typ="safe")`) reads them, faster.

ruamel's C parser builds the node tree, but its resolver and constructor are Python and spend
most of the time of reading an answers file in generic machinery: the YAML version looked up
through failed attribute look-ups and the implicit-resolver table rebuilt for every file,
a generator and two memo dicts for every value. Here the table of YAML 1.2 is built once, and
the tree of plain mappings, lists and untagged values is walked directly; ruamel's own
constructors still turn numbers, booleans, nulls and dates into values. Anything else (an
anchor or alias, a merge key `<<`, an explicit tag, a key that is not text, a key written twice)
is left to ruamel's constructor from the same tree, so every value and every error is ruamel's.

Without ruamel.yaml.clib (no C parser), or with a ruamel whose insides differ from those read
here, `safe_yaml()` reads the text, as it did before this module.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_TAG = "tag:yaml.org,2002:"
# Untagged plain scalars the 1.2 resolver gives one of these tags: made by ruamel's constructors.
_SCALARS = frozenset(_TAG + name for name in ("int", "float", "bool", "null", "timestamp"))
_INT = _TAG + "int"
_CONSTANTS = frozenset(_TAG + name for name in ("bool", "null"))  # a few words each, always the same value


class _Unusual(Exception):
    """The tree has something the direct walk leaves to ruamel's constructor."""


def read_values(text: str) -> Any:
    """The values of one YAML document (None for an empty one), as `YAML(typ="safe").load(text)`
    reads them, with YAML 1.2's rules; raises what ruamel raises."""
    return read_document(text)[0]


def read_document(text: str) -> tuple[Any, Any]:
    """`read_values(text)`, and the document's node tree when its values are plain mappings (of
    text keys, each once), lists and untagged values, each node met once, else None. The tree
    knows where each node starts (`node.start_mark.line`, 0-based).

    With a tree, the values are new plain dicts and lists (no two places share one) with text
    keys: what `drafter.answers` would make of ruamel's values anyway."""
    loader_class = _loader_class()
    if loader_class is None:  # no C parser, or a ruamel this module does not know
        return safe_yaml().load(text), None
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        try:
            # Only an alias makes a node appear twice, and only an anchor (written "&name") makes
            # an alias: a text without "&" needs no look for shared nodes.
            if "&" in text and _shares_nodes(root):
                raise _Unusual
            return _walk(loader, root), root
        except (_Unusual, AttributeError):  # AttributeError: nodes of another make than this ruamel's
            return loader.construct_document(root), None
    finally:
        loader.dispose()


def safe_yaml():
    """ruamel's safe loader: the C loader where ruamel.yaml.clib is installed.

    The C loader reads every file as YAML 1.2 (it ignores a %YAML directive), yet ruamel's
    resolver asks for the version, through a failed attribute look-up, for every value (a
    third of the time of reading an answers file): with the C loader it is told at once.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    if getattr(yaml.Parser, "__name__", "") == "CParser":
        yaml.Resolver = _yaml12_resolver()
    return yaml


@lru_cache(maxsize=1)
def _yaml12_resolver() -> type:
    from ruamel.yaml.resolver import VersionedResolver

    return type("Yaml12Resolver", (VersionedResolver,), {"processing_version": (1, 2)})


def _shares_nodes(root: Any) -> bool:
    """Whether a node of the tree is met twice (an alias, maybe of the node itself)."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node.value, list):
            for child in node.value:
                pending.extend(child if isinstance(child, tuple) else (child,))
    return False


def _walk(loader: Any, root: Any) -> Any:
    """The values of a tree without shared nodes (`_shares_nodes`); raises _Unusual where
    ruamel's constructor must make them."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from ruamel.yaml.resolver import BaseResolver

    text_tag, list_tag, map_tag = (BaseResolver.DEFAULT_SCALAR_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG,
                                   BaseResolver.DEFAULT_MAPPING_TAG)
    implicit = loader.implicit_tags

    def walk(node: Any) -> Any:
        kind, tag = type(node), node.ctag
        if kind is ScalarNode:
            if tag is text_tag:  # the resolver's own tag objects: untagged values
                return node.value
            return _construct(loader, implicit.get(id(tag)), node)
        if kind is MappingNode and tag is map_tag:
            out: dict = {}
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode or key_node.ctag is not text_tag:
                    raise _Unusual
                key = key_node.value
                if key in out:
                    raise _Unusual  # ruamel refuses it, with its message
                # most values are text: taken here, without a call
                out[key] = (value_node.value if type(value_node) is ScalarNode and value_node.ctag is text_tag
                            else walk(value_node))
            return out
        if kind is SequenceNode and tag is list_tag:
            return [child.value if type(child) is ScalarNode and child.ctag is text_tag else walk(child)
                    for child in node.value]
        raise _Unusual

    return walk(root)


def _construct(loader: Any, name: str | None, node: Any) -> Any:
    """The value of a scalar node the resolver gave the implicit tag `name` (None: another tag)."""
    if name is None:
        raise _Unusual
    if name == _INT and node.value.isdigit():
        return int(node.value)  # what ruamel's construct_yaml_int makes of plain digits (1.2: no octal)
    return loader.yaml_constructors[name](loader, node)


class PlainScalars:
    """The values of untagged plain scalars, as the walk makes them, for a reader that has their
    texts but no node tree (drafter.yaml_block). Raises _Unusual without the C loader."""

    def __init__(self) -> None:
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import BaseResolver

        loader_class = _loader_class()
        if loader_class is None:
            raise _Unusual
        self._resolve, self._text_tag = loader_class.resolve_plain, BaseResolver.DEFAULT_SCALAR_TAG
        self._node = ScalarNode  # the node a constructor reads a value from (`value`)
        self._names = loader_class.implicit_tags
        self.typed_starts = loader_class.typed_starts  # the first characters of all but texts
        self._texts: set[str] = set()  # the words of this text found to be texts ("title", "name"…)

    # The values of the words YAML reads as true, false or null ("true", "False", "~"…), each
    # made by ruamel's constructor when first met: a dozen words at most, the same for every text.
    _constants: dict[str, Any] = {}

    def is_text(self, word: str) -> bool:
        """Whether the plain scalar `word` is a text (not a number, a date…); a word met again
        (a key: "text", "title" in every item) is looked up among those already resolved."""
        if word in self._texts or word[:1] not in self.typed_starts:
            return True
        if self._resolve(word) is self._text_tag:
            self._texts.add(word)
            return True
        return False

    def value(self, text: str) -> Any:
        """The value of `text`; raises _Unusual where the walk would leave it to ruamel."""
        if text[:1] not in self.typed_starts:
            return text  # the resolver's quick answer: no tag but text starts so
        if text.isdigit() and text.isascii():
            return int(text)  # what the resolver (int, YAML 1.2's first) and the walk make of it
        if text in self._constants:
            return self._constants[text]
        tag = self._resolve(text)
        if tag is self._text_tag:
            return text
        name = self._names.get(id(tag))
        value = _construct(_scalar_constructor(), name, self._node(tag, text))
        if name in _CONSTANTS:
            self._constants[text] = value
        return value


@lru_cache(maxsize=1)
def _scalar_constructor() -> Any:
    """A loader of nothing, kept for its constructors of scalars (a boolean, a date…), which
    read only the node they are given."""
    return _loader_class()("")


@lru_cache(maxsize=1)
def _loader_class() -> type | None:
    """ruamel's C loader as `YAML(typ="safe")` assembles it for each load, assembled once,
    with a resolver that knows its version (1.2) and keeps its table; None without the C
    parser, or where this ruamel's insides are not those this module reads."""
    from ruamel.yaml import YAML

    if getattr(YAML(typ="safe").Parser, "__name__", "") != "CParser":
        return None
    try:
        return _assemble()
    except (ImportError, AttributeError, TypeError):
        return None


def _assemble() -> type | None:
    from _ruamel_yaml import CParser
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    table = _implicit_12()
    if table is None:
        return None
    # One tag object per implicit tag, as ruamel has one for text, lists and mappings
    # (a node's tag is replaced, never changed).
    tags = {name: Tag(suffix=name) for entries in table.values() for name, _ in entries}
    table = {char: tuple((tags[name], match) for name, match in entries) for char, entries in table.items()}

    text_tag, list_tag, map_tag = (VersionedResolver.DEFAULT_SCALAR_TAG, VersionedResolver.DEFAULT_SEQUENCE_TAG,
                                   VersionedResolver.DEFAULT_MAPPING_TAG)

    class Resolver(VersionedResolver):
        """VersionedResolver for version 1.2, its table built once. It has no path resolvers
        (ruamel's `add_path_resolver` is never called on this private class), so the composer's
        calls for them, one per node, do nothing."""

        processing_version = (1, 2)
        typed_starts = frozenset(table)  # a plain scalar that starts otherwise is text
        implicit_tags = {id(tag): name for name, tag in tags.items() if name in _SCALARS}

        @staticmethod
        def resolve_plain(value: str) -> Any:
            """The tag of an untagged plain scalar."""
            for tag, match in table.get(value[:1], ()):
                if match(value):
                    return tag
            return text_tag

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                return self.resolve_plain(value) if implicit[0] else text_tag
            if kind is SequenceNode:
                return list_tag
            if kind is MappingNode:
                return map_tag
            return None

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    class Loader(CParser, SafeConstructor, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            self._parser = self._composer = self
            SafeConstructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False  # as YAML() sets it
            Resolver.__init__(self, version=None, loadumper=self)

    return Loader


def _implicit_12() -> dict[str, tuple] | None:
    """First character → (tag, compiled match) of ruamel's implicit resolvers for YAML 1.2, in
    ruamel's order ("" for the empty value); None if one applies to any first character (ruamel
    has none; its own resolver would then be needed)."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict[str, list] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for char in first or [None]:
                table.setdefault(char, []).append((tag, regexp.lazy_self().match))
    if None in table:
        return None
    return {char: tuple(entries) for char, entries in table.items()}
