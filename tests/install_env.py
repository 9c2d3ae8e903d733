"""What the tests that install drafter into fresh virtual environments share.

They take a minute or two each (a venv, pip from its cache or PyPI), so they run in CI (`CI`
set, as `.ci/run` has it) or when asked (`DRAFTER_INSTALL_TESTS=1`); never inside the test
run that one of them starts itself.
"""

from __future__ import annotations

import os

import pytest

INNER = "DRAFTER_INSIDE_INSTALL_TEST"

needs_install_run = pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("DRAFTER_INSTALL_TESTS")) or bool(os.environ.get(INNER)),
    reason="installs into fresh virtual environments: runs in CI or with DRAFTER_INSTALL_TESTS=1",
)

# Any attempt to reach the network through these fails at once.
NO_NETWORK = {name: "http://127.0.0.1:9" for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")}


def fresh_env(**extra: str) -> dict[str, str]:
    """This process's environment without its virtual environment, for a shell that makes its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env[INNER] = "1"
    env["PIP_ROOT_USER_ACTION"] = "ignore"
    return env | extra
