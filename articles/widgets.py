"""The admin's rich text editor for story bodies (django-prose-editor, assets served
from our own static files). It offers exactly what body.sanitize keeps; the body's
elements (pictures, galleries) are our own Tiptap nodes in static/desk/elements.js,
named in settings.DJANGO_PROSE_EDITOR_EXTENSIONS so the editor loads that module."""

from django.urls import reverse
from django_prose_editor.fields import ProseEditorFormField

BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "History": True,
        # Pull quotes: a quote set large, as a class on the blockquote.
        "NodeClass": {
            "cssClasses": {"blockquote": [{"className": "pull-quote", "title": "Pull quote"}]}
        },
    }
}

# The elements' nodes, and the nh3 rules django-prose-editor would derive from them if
# asked to sanitise (we sanitise on the model's save instead: articles/body.py).
ELEMENT_EXTENSIONS = ("StoryPicture", "StoryGallery")  # open the picture chooser
# Our nodes that need no options.
BODY_NODES = ("StoryLink", "FactBox")


def element_allowlist(config, shared):
    shared["tags"].add("figure")
    shared["attributes"].setdefault("figure", set()).update(
        {"data-picture", "data-placement", "data-gallery", "data-video", "data-embed"}
    )
    shared["tags"].add("aside")
    shared["attributes"].setdefault("aside", set()).update({"data-story", "class"})


def body_form_field(model_form_field):
    """The body's form field with the editor, keeping the model field's label and help."""
    chooser = {"chooserUrl": reverse("admin:articles_image_chooser")}
    config = {
        "extensions": BODY_EDITOR_CONFIG["extensions"]
        | dict.fromkeys(ELEMENT_EXTENSIONS, chooser)
        | {
            "StoryVideo": {"chooserUrl": reverse("admin:articles_video_chooser")},
            "StoryEmbed": {"chooserUrl": reverse("admin:embeds_embed_paste")},
        }
        | dict.fromkeys(BODY_NODES, True)
    }
    return ProseEditorFormField(
        config=config,
        required=model_form_field.required,
        label=model_form_field.label,
        help_text=model_form_field.help_text,
    )
