"""Loading the service catalog from assets/catalog (catalog.json + bundles/*.json), strictly."""

from __future__ import annotations

import logging
from collections.abc import Container
from pathlib import Path
from typing import Final

from core.assets import assets_dir
from core.catalog.bundle_reader import CatalogRefs, read_bundle
from core.catalog.feed import VERSION_RE, RawCatalog, RawItem, read_raw
from core.catalog.json_reader import FIELD_ID_RE, Reader
from core.catalog.matter_reader import read_matter
from core.catalog.model import Bundle, Catalog, Department, FieldDef, FieldType, Licence, Matter, Option
from core.errors import CatalogError

log = logging.getLogger(__name__)

FORMAT: Final = 2  # the catalog file format this code reads; bump with a migration note in README

# What an ID-card read (devices.id_reader) can prefill, and the field types each may fill.
PREFILL_TYPES: Final[dict[str, frozenset[FieldType]]] = {
    "id_card.name": frozenset({FieldType.NAME}),
    "id_card.id_number": frozenset({FieldType.ID_NUMBER}),
    "id_card.sex": frozenset({FieldType.SEX}),
    "id_card.birth_date": frozenset({FieldType.DATE}),
    "id_card.address": frozenset({FieldType.ADDRESS}),
    "id_card.nation": frozenset({FieldType.TEXT, FieldType.ENUM}),
}


def default_root() -> Path:
    """The catalog shipped with the application."""
    return assets_dir() / "catalog"


def load_catalog(root: Path | None = None) -> Catalog:
    """The catalog under ``root`` (default: the bundled one). Raises CatalogError listing every
    problem (``file: $.path: what``) when anything is malformed or dangling."""
    problems: list[str] = []
    catalog = _read(root or default_root(), problems)
    if problems or catalog is None:
        raise CatalogError(problems)
    log.info("loaded catalog %s with %d bundles", catalog.version, len(catalog.bundles))
    return catalog


# Catalogs pulled from the platform live in DATA_DIR/catalog/<version>/; the one in use is named
# by DATA_DIR/catalog/current, a one-line file replaced atomically (sync/catalog_update.py).
PULLED_DIR: Final = "catalog"
CURRENT_POINTER: Final = "current"


def pulled_catalog_root(data_dir: Path) -> Path | None:
    """The directory of the current pulled catalog under ``data_dir``, if a sync installed one."""
    pointer = data_dir / PULLED_DIR / CURRENT_POINTER
    try:
        version = pointer.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        log.warning("cannot read the current-catalog pointer %s: %s", pointer, exc)
        return None
    root = data_dir / PULLED_DIR / version
    if not version or "/" in version or version.startswith(".") or not root.is_dir():
        log.warning("the current-catalog pointer names no installed catalog; using the bundled one")
        return None
    return root


def load_current_catalog(data_dir: Path) -> Catalog:
    """The pulled catalog if one is installed and loads, else the one shipped with the application.

    A pulled catalog was checked before it was made current, so a failure here means the disk
    changed under us: the device keeps working on the bundled catalog rather than not at all.
    """
    root = pulled_catalog_root(data_dir)
    if root is not None:
        try:
            return load_catalog(root)
        except CatalogError as exc:
            log.error(
                "pulled catalog %s does not load (%d problems); using the bundled one",
                root,
                len(exc.problems),
            )
    return load_catalog()


def check_catalog(root: Path | None = None) -> list[str]:
    """The problems of the catalog under ``root``; empty when it loads (``tongban catalog check``)."""
    problems: list[str] = []
    _read(root or default_root(), problems)
    return problems


def _read(root: Path, sink: list[str]) -> Catalog | None:
    raw = read_raw(root, sink)
    return None if raw is None else _build(raw, sink)


def _build(raw: RawCatalog, sink: list[str]) -> Catalog | None:
    header = _CatalogFile()
    header.read_header(raw.header)
    for item in raw.departments:
        header.department(item)
    for item in raw.licences:
        header.licence(item)
    for item in raw.fields:
        header.field(item)
    refs = CatalogRefs(
        departments=frozenset(header.departments),
        licences=frozenset(header.licences),
        fields=frozenset(header.field_ids),
    )
    matters: dict[str, Matter] = {}
    by_code: dict[str, Matter] = {}
    for item in raw.matters:
        matter = read_matter(item.value, refs, item.problems, item.path)
        if matter is None:
            continue
        if matter.id in matters:
            item.problems.add(f"{item.path}.id", f"duplicate matter id '{matter.id}'")
        elif matter.code in by_code:
            item.problems.add(
                f"{item.path}.code",
                f"实施编码 '{matter.code}' is already used by '{by_code[matter.code].id}'",
            )
        else:
            matters[matter.id] = matter
            by_code[matter.code] = matter
    declared = frozenset(
        str(i.value["code"])
        for i in raw.matters
        if isinstance(i.value, dict) and isinstance(i.value.get("code"), str)
    )
    types = {f.id: f.type for f in header.fields.values()}
    refs = CatalogRefs(refs.departments, refs.licences, refs.fields, by_code, declared, types)
    bundles: dict[str, Bundle] = {}
    for item in raw.bundles:
        if item.key in matters:
            item.problems.add(f"{item.path}.id", f"'{item.key}' is also a matter id")
            continue
        bundle = read_bundle(item.value, item.key, refs, item.problems)
        if bundle is not None:
            bundles[item.key] = bundle
    if sink or header.version is None:
        return None
    return Catalog(
        version=header.version,
        departments=header.departments,
        fields=header.fields,
        bundles=bundles,
        licences=header.licences,
        matters=matters,
    )


class _CatalogFile:
    """The catalog's header, department types, e-licence types and unified-form field definitions."""

    def __init__(self) -> None:
        self.version: str | None = None
        self.departments: dict[str, Department] = {}
        self.licences: dict[str, Licence] = {}
        self.fields: dict[str, FieldDef] = {}
        self.field_ids: set[str] = set()  # also ids of broken definitions, so bundles do not cascade

    def _at(self, item: RawItem) -> None:
        self.problems = item.problems
        self.r = Reader(item.problems)

    def read_header(self, item: RawItem) -> None:
        self._at(item)
        obj = item.value
        assert isinstance(obj, dict)  # read_raw checked
        if "format" not in obj:
            self.problems.add(item.path, "missing key 'format'")
        elif obj["format"] != FORMAT:
            self.problems.add(
                f"{item.path}.format", f"unsupported format {obj['format']!r} (this version reads {FORMAT})"
            )
        self.version = self.r.text(obj, "version", item.path)
        if self.version is not None and not VERSION_RE.match(self.version):
            self.problems.add(f"{item.path}.version", f"'{self.version[:80]}' is not a safe version name")
            self.version = None

    def department(self, item: RawItem) -> None:
        self._at(item)
        pair = self._named(item.value, item.path, self.departments, "department")
        if pair is not None:
            self.departments[pair[0]] = Department(*pair)

    def licence(self, item: RawItem) -> None:
        self._at(item)
        pair = self._named(item.value, item.path, self.licences, "e-licence")
        if pair is not None:
            self.licences[pair[0]] = Licence(*pair)

    def field(self, item: RawItem) -> None:
        self._at(item)
        self._field(item.value, item.path)

    def _named(self, item: object, path: str, seen: Container[str], what: str) -> tuple[str, str] | None:
        o = self.r.obj(item, path, ("id", "name"), ("kind",))
        if o is None:
            return None
        ident = self.r.ident(o, "id", path)
        name = self.r.text(o, "name", path)
        if ident is not None and ident in seen:
            self.problems.add(f"{path}.id", f"duplicate {what} id '{ident}'")
            return None
        return (ident, name) if ident is not None and name is not None else None

    def _field(self, item: object, path: str) -> None:
        o = self.r.obj(
            item, path, ("id", "label", "type"), ("kind", "required", "prefill", "options", "help")
        )
        if o is None:
            return
        fid = self.r.ident(o, "id", path, FIELD_ID_RE)
        if fid is not None and fid in self.field_ids:
            self.problems.add(f"{path}.id", f"duplicate field id '{fid}'")
            fid = None
        elif fid is not None:
            self.field_ids.add(fid)
        label = self.r.text(o, "label", path)
        ftype = self.r.text(o, "type", path)
        if ftype is not None and ftype not in {t.value for t in FieldType}:
            self.problems.add(
                f"{path}.type", f"'{ftype}' is not one of: {', '.join(t.value for t in FieldType)}"
            )
            ftype = None
        prefill = self.r.maybe_text(o, "prefill", path)
        if prefill is not None and prefill not in PREFILL_TYPES:
            self.problems.add(f"{path}.prefill", f"unknown ID-card attribute '{prefill}'")
        elif prefill is not None and ftype is not None and FieldType(ftype) not in PREFILL_TYPES[prefill]:
            self.problems.add(f"{path}.prefill", f"'{prefill}' cannot fill a {ftype} field")
        options = self._options(o, path, ftype)
        required = self.r.flag(o, "required", path, default=True)
        if fid is not None and label is not None and ftype is not None:
            self.fields[fid] = FieldDef(
                id=fid,
                label=label,
                type=FieldType(ftype),
                required=required,
                prefill=prefill,
                options=options,
                help=self.r.text(o, "help", path, default="") or "",
            )

    def _options(self, o: dict[str, object], path: str, ftype: str | None) -> tuple[Option, ...]:
        items = self.r.array(o, "options", path)
        if ftype == FieldType.ENUM and len(items) < 2:
            self.problems.add(f"{path}.options", "enum fields need at least two options")
        elif ftype is not None and ftype != FieldType.ENUM and items:
            self.problems.add(f"{path}.options", f"{ftype} fields have no options")
        options: list[Option] = []
        for opt_path, item in items:
            opt = self.r.obj(item, opt_path, ("value", "label"))
            if opt is None:
                continue
            value, label = self.r.text(opt, "value", opt_path), self.r.text(opt, "label", opt_path)
            if value is not None and any(x.value == value for x in options):
                self.problems.add(f"{opt_path}.value", f"duplicate option '{value}'")
            elif value is not None and label is not None:
                options.append(Option(value, label))
        return tuple(options)
