"""Unique slugs, numbered when taken (`politics`, `politics-2`…), with the database's
unique index as the judge: two saves racing for the same slug (two imports creating the
same new section at once) cannot both win, and the loser takes the next number instead
of failing."""

from django.db import IntegrityError, transaction

from . import text


def save_with_free_slug(instance, base: str, *, limit: int, save, taken=()) -> None:
    """Give `instance` the first free slug of base, base-2, base-3… and `save()` it.
    `taken` are slugs known to be in use already (skipped without a try)."""
    model = type(instance)
    number = 1
    while True:
        slug = base if number == 1 else text.numbered_slug(base, number, limit)
        number += 1
        if slug in taken:
            continue
        instance.slug = slug
        try:
            with transaction.atomic():
                save()
                return
        except IntegrityError:
            if not model._default_manager.filter(slug=slug).exclude(pk=instance.pk).exists():
                raise  # another constraint failed: not ours to retry


def named(model, name: str, slug: str = "", *, limit: int, **fields):
    """The record with that slug, else that name (in any case, or as a slug): created
    when there is none, with the slug asked for when it is free. A record with the same
    name created meanwhile by someone else is found, not duplicated."""
    name = name.strip()[:limit]
    manager = model._default_manager

    def find():
        return (
            (manager.filter(slug=slug).first() if slug else None)
            or manager.filter(name__iexact=name).first()
            or manager.filter(slug=name.lower()).first()
        )

    found = find()
    if found:
        return found
    record = model(name=name, **fields)
    base = slug[:limit] if slug and not manager.filter(slug=slug).exists() else ""
    try:
        save_with_free_slug(
            record, base or text.slug_for(name)[:limit], limit=limit, save=record.save
        )
    except IntegrityError:
        found = find()  # the same name, saved by a concurrent import
        if found is None:
            raise
        return found
    return record
