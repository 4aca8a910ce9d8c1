"""Comparing two revisions of a story, field by field, for the desk's history view."""

import difflib
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import body
from .models import Image, Story

# Words with the space that follows them: a change reads as whole phrases.
_WORDS = re.compile(r"\S+\s*|\s+")


def word_diff(old: str, new: str) -> str:
    """HTML showing `new` with removed words in <del> and added words in <ins>."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped


def _element_line(element, pictures) -> str:
    """An element as a line of the comparison: what it shows, by the pictures' captions."""

    def named(pk):
        image = pictures.get(pk)
        return f"“{image.caption or image.alt_text or 'no caption'}” (#{pk})" if image else f"#{pk}"

    if element.kind == "gallery":
        return "\n[Gallery: " + ", ".join(named(pk) for pk in element.ids) + "]\n"
    where = ", inset" if element.placement == "inset" else ""
    return f"\n[Picture: {named(element.ids[0])}{where}]\n"


def _readable(name, value):
    if name == "body":
        # Compare the words a reader sees, one paragraph a line, and each element as a
        # line naming its pictures (a picture swapped or moved shows as a change).
        pictures = Image.objects.in_bulk(body.references(value or "").pictures)
        value = body.render(value or "", lambda element, _i: _element_line(element, pictures))
        return strip_tags(re.sub(r"</(p|h2|h3|li|blockquote)>", "\n", value)).strip()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def field_label(name: str) -> str:
    """A snapshot key (`section_id`, `headline`) as the desk calls the field."""
    field_name = name.removesuffix("_id")
    try:
        return str(Story._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        return field_name.replace("_", " ")


def compare_revisions(older: dict, newer: dict) -> list[dict]:
    """One row per field that differs: its label and a word diff."""
    rows = []
    for name in newer:
        if name == "version" or older.get(name) == newer.get(name):
            continue
        rows.append(
            {
                "field": field_label(name).capitalize(),
                "diff": word_diff(
                    _readable(name, older.get(name)), _readable(name, newer.get(name))
                ),
            }
        )
    return rows
