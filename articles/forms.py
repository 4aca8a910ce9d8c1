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

    # Dates a newsroom can have stories on; beyond them, a day's midnight in the local zone
    # (or the day after the last) is not a time Python can compute.
    EARLIEST, LATEST = datetime.date(1800, 1, 1), datetime.date(9998, 12, 31)

    def _in_range(self, name):
        day = self.cleaned_data.get(name)
        if day is not None and not self.EARLIEST <= day <= self.LATEST:
            raise forms.ValidationError("Give a date between the years 1800 and 9998.")
        return day

    def clean_date_from(self):
        return self._in_range("date_from")

    def clean_date_to(self):
        return self._in_range("date_to")

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
