"""Reading the desk's query strings."""


def ids_in(value: str, limit: int) -> list[int]:
    """The record ids in a query string's comma-separated list (`?ids=3,40`): at most
    `limit`, ASCII digits of up to 12 places; anything else is passed over."""
    parts = value.split(",")[:limit]
    return [int(p) for p in parts if p.isascii() and p.isdigit() and len(p) <= 12]
