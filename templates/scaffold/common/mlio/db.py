"""The database URL comes from the environment (DATABASE_URL), never from code or config files."""

import os
from urllib.parse import urlsplit, urlunsplit


def database_url(required=False, environ=None):
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    if required and not url:
        raise RuntimeError("DATABASE_URL is not set; inject it from your secret store")
    return url or None


def redact(url):
    """The URL with its password replaced, for logs."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))
