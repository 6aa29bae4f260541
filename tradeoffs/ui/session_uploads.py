"""Where a session's upload lives, and how the shared caches find it without seeing other sessions'.

The upload itself is in the session's state (UPLOAD_KEY), never on disk. The data version of a session
with an upload is ``<version>+u<digest>`` (see loaders.data_version): every cache keyed on the version
then holds frames with that upload's rows, and a session without it never asks for that key. The frames
are built from a small bounded registry digest → upload, filled by the session that has it on every
call of data_version (so an entry evicted by other sessions comes back before it is needed).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tradeoffs.uploads.rows import Upload

UPLOAD_KEY = "_upload"  # this session's Upload (good rows only), or absent
UPLOAD_SEP = "+u"
REGISTRY_SIZE = 256  # uploads known at once (a few KB each); far more than sessions at a workshop
_registry: OrderedDict[str, Upload] = OrderedDict()
_lock = Lock()


def session_upload() -> Upload | None:
    """This session's upload with at least one good row; None outside a session or without one."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    upload = st.session_state.get(UPLOAD_KEY)
    return upload if upload is not None and upload.count else None


def suffix() -> str:
    """ "+u<digest>" for this session's upload (registered for the loaders), "" without one."""
    upload = session_upload()
    if upload is None:
        return ""
    with _lock:
        _registry[upload.digest] = upload
        _registry.move_to_end(upload.digest)
        while len(_registry) > REGISTRY_SIZE:
            _registry.popitem(last=False)
    return f"{UPLOAD_SEP}{upload.digest}"


def split(version: str) -> tuple[str, Upload | None]:
    """(the version without its upload part, the upload it names or None)."""
    base, _, digest = version.partition(UPLOAD_SEP)
    if not digest:
        return base, None
    with _lock:
        upload = _registry.get(digest)
    if upload is None:  # not cached: an exception is not, so no frame without the rows is kept under the key
        raise KeyError(f"upload {digest} is not registered")
    return base, upload
