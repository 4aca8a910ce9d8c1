"""Reading ninjs: any JSON an agency sends is either a story or a refusal with a reason,
never a crash (property-based, with hypothesis)."""

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from wire.ninjs import InvalidItem, WireStory, is_legacy, parse_item

NAMES = [
    # 3.x
    "uri", "type", "version", "firstCreated", "versionCreated", "embargoedUntil", "pubStatus",
    "urgency", "headlines", "descriptions", "bodies", "by", "located", "infoSources",
    "subjects", "associations", "renditions", "altIds", "copyrightHolder", "standard",
    # 1.x / 2.x
    "versioncreated", "firstcreated", "embargoed", "pubstatus", "headline", "byline",
    "body_text", "body_html", "description_text", "subject", "keywords", "infosource",
    "altids", "copyrightholder", "contenttype", "mimetype",
    # inside lists
    "value", "role", "contentType", "name", "rel", "literal", "href", "width",
    # places and their geometry (agencies send GeoJSON), associations' own names
    "places", "geoJSON", "geojson", "coordinates", "geometries", "bbox", "height",
    "sizeInBytes", "renditions", "descriptions", "headlines",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["2026-11-25T10:00:00Z", "2026-02-30T10:00:00Z", "2026-11-25", "text",
                     "picture", "video", "canceled", "usable", "main", "leadimage",
                     "text/html", "text/plain", "images/x.jpg", "<p>Hi</p>"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(NAMES), inner, max_size=5),
    ),
    max_leaves=20,
)
numbers = st.one_of(st.integers(-180, 180), st.floats(-180, 180), st.text(max_size=3))
points = st.lists(numbers, max_size=3)
geometries = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["Point", "MultiPoint", "LineString", "Polygon", "Blob"])},
        optional={"coordinates": st.one_of(points, st.lists(points, max_size=3), scalars)},
    ),
    st.fixed_dictionaries({"type": st.just("GeometryCollection")}, optional={"geometries": values}),
    values,
)
places = st.lists(
    st.fixed_dictionaries(
        {"name": st.text(max_size=10)},
        optional={"geoJSON": geometries, "geojson": geometries, "literal": scalars},
    ),
    max_size=3,
)
associations = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "name": st.sampled_from(["leadimage", "picture", ""]),
            "uri": st.text(max_size=20),
            "type": st.sampled_from(["picture", "graphic", "video", "text", None]),
            "renditions": st.lists(
                st.dictionaries(st.sampled_from(NAMES), values, max_size=4), max_size=3
            ),
            "descriptions": values,
            "i_can_put_anything": values,
            "headline": values,
            "rel": values,
        },
    ),
    max_size=3,
)
items = st.one_of(
    st.dictionaries(st.sampled_from(NAMES), values, max_size=12),
    st.fixed_dictionaries(
        {"uri": st.text(min_size=1, max_size=20), "headlines": st.just([{"value": "Headline"}])},
        optional={"places": places, "associations": associations, "versioncreated": scalars},
    ),
)


@settings(max_examples=400, deadline=None)
@given(items)
def test_any_json_object_is_a_story_or_a_reasoned_refusal(item):
    try:
        story = parse_item(item)
    except InvalidItem as refusal:
        assert str(refusal)
    else:
        assert isinstance(story, WireStory) and story.headline and story.guid


@settings(max_examples=200, deadline=None)
@given(values)
def test_any_json_value_at_all(value):
    with contextlib.suppress(InvalidItem):
        parse_item(value)


def test_legacy_items_are_told_apart_from_3_x():
    assert is_legacy({"uri": "u", "versioncreated": "2026-11-25T10:00:00Z"})
    assert is_legacy({"uri": "u", "associations": {"main": {}}})
    assert is_legacy({"uri": "u", "standard": {"name": "x", "version": "2.0"}})
    assert not is_legacy({"uri": "u", "versionCreated": "2026-11-25T10:00:00Z"})
    assert not is_legacy({"uri": "u", "headlines": [{"value": "x"}]})
