"""Refuses and records every network access of a Python process (and of its Python children).

Put this folder on PYTHONPATH and name a log file in MEDKB_NETWORK_LOG: every socket connection to
a host, name lookup and URL fetch other than file: and data: raises OSError and is appended to the
log. Local pipes (AF_UNIX, as multiprocessing uses) stay allowed. Used by tests/site/test_reproducible.py.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

LOG = os.environ.get("MEDKB_NETWORK_LOG", "")
NAME_LOOKUPS = {
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.gethostbyaddr",
}
SOCKET_SENDS = {"socket.connect", "socket.sendto", "socket.sendmsg"}
LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", -1), getattr(socket, "AF_NETLINK", -1)}


def _refuse(event: str, args: tuple[Any, ...]) -> None:
    if event in SOCKET_SENDS:
        if getattr(args[0], "family", None) in LOCAL_FAMILIES:
            return
        detail = repr(args[1]) if len(args) > 1 else ""
    elif event in NAME_LOOKUPS:
        detail = repr(args[0])
    elif event == "urllib.Request":
        url = str(args[0])
        if url.startswith(("file:", "data:")):
            return
        detail = url
    elif event == "http.client.connect":
        detail = f"{args[1]}:{args[2]}"
    else:
        return
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {event} {detail}\n")
    raise OSError(f"network access refused (offline test): {event} {detail}")


sys.addaudithook(_refuse)
