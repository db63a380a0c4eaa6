"""Pages where a person chooses which e-mails they get, registered by the apps that send them.

The notification centre and the profile link to each: `register_preference_page(url_name,
label)` from an app's `AppConfig.ready()`; the URL takes no arguments.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class PreferencePage:
    url_name: str
    label: Promise | str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_PAGES: list[PreferencePage] = []


def register_preference_page(url_name: str, label: Promise | str) -> None:
    page = PreferencePage(url_name, label)
    if all(existing.url_name != url_name for existing in _PAGES):
        _PAGES.append(page)


def preference_pages() -> list[PreferencePage]:
    return list(_PAGES)
