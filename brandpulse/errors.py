"""Errors a user can act on, each with its documented exit code (README, "Exit codes")."""

from __future__ import annotations


class BrandpulseError(Exception):
    """Base class: the message is one line that names the fix."""

    exit_code = 1


class InputError(BrandpulseError):
    """A missing, unreadable or unrecognisable input file."""

    exit_code = 4


class ConfigError(BrandpulseError):
    """A bad config file, brand, topic or option value."""

    exit_code = 5


class FetchError(BrandpulseError):
    """An API that refused, failed or could not be reached."""

    exit_code = 6


class StoreError(BrandpulseError):
    """The history store is busy, damaged or from a newer brandpulse."""

    exit_code = 7
