"""The admin's rich text editor for story bodies (django-prose-editor, assets served
from our own static files). It offers exactly what text.sanitize_body keeps."""

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
    }
}


def body_form_field(model_form_field):
    """The body's form field with the editor, keeping the model field's label and help."""
    return ProseEditorFormField(
        config=BODY_EDITOR_CONFIG,
        required=model_form_field.required,
        label=model_form_field.label,
        help_text=model_form_field.help_text,
    )
