"""Readers' forms."""

import datetime

from django import forms
from django.utils import timezone

from .models import Section


class SearchForm(forms.Form):
    """The search page's parameters. Invalid ones are reported and ignored; the rest
    still apply, so a typo in a date never costs the reader their results."""

    q = forms.CharField(label="Search for", required=False, max_length=10_000, strip=True)
    section = forms.ModelChoiceField(
        Section.objects.public(), to_field_name="slug", required=False, empty_label="All sections"
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, stories):
        """Apply the valid filters to a Story queryset."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("section"):
            stories = stories.in_section(data["section"])
        if data.get("date_from"):
            stories = stories.filter(published_at__gte=_local_midnight(data["date_from"]))
        if data.get("date_to"):
            next_day = data["date_to"] + datetime.timedelta(days=1)
            stories = stories.filter(published_at__lt=_local_midnight(next_day))
        return stories


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
