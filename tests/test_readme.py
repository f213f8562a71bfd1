"""The README's Python examples run and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import os
import re

from support import ROOT

_EXAMPLE = re.compile(r"```python\n(.*?)```\n+prints\n+```\n(.*?)```", re.S)


def test_readme_examples_print_what_they_say() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = _EXAMPLE.findall(text)
    assert len(examples) >= 3
    namespace: dict[str, object] = {}
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        for code, expected in examples:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, "README.md", "exec"), namespace)
            assert out.getvalue() == expected, code
    finally:
        os.chdir(before)
