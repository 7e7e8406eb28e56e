"""Every touch of a library's private API, in one module per library.

A private API (a name with a leading underscore, an internal module, the layout of an internal
data structure) may change in any release, so each module here

- names every private thing the app uses and is the only place that uses it;
- is checked at import: the installed distribution's version (from its metadata) must be the
  version the module was tested with (``TESTED_VERSION``, which a test keeps equal to the pin in
  ``requirements.txt``); any other version fails loudly with :class:`IncompatibleVersion`.

Modules: ``django`` (Django), ``weasyprint`` (WeasyPrint), ``pydyf`` (pydyf), ``juriscraper``
(juriscraper). Upgrading one of those libraries: check each use listed in its module against the
new release, then change the pin and ``TESTED_VERSION`` together.
"""

from __future__ import annotations

from importlib import metadata


class IncompatibleVersion(ImportError):
    """The installed version of a library is not the one its compat module was tested with."""


ERROR_VERSION = (
    "{module} uses private APIs of {distribution} and was tested with {distribution}=={tested} "
    "(the version requirements.txt pins), but {distribution} {installed} is installed. Install the "
    "pinned version (pip install -r requirements.txt), or check every use listed in {module} "
    "against {installed} and change TESTED_VERSION and the pin together."
)


def require_version(distribution: str, tested: str, *, module: str) -> str:
    """The installed version of ``distribution``; :class:`IncompatibleVersion` unless it is
    ``tested``."""
    try:
        installed = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        installed = "(none)"
    if installed != tested:
        raise IncompatibleVersion(
            ERROR_VERSION.format(module=module, distribution=distribution, tested=tested, installed=installed)
        )
    return installed
