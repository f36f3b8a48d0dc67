"""The core (`reader` outside `reader.tui`) must never import Textual or the app."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader

CORE_MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(reader.__path__, prefix="reader.")
    if not module.name.startswith("reader.tui") and module.name not in {"reader.__main__"}
)


def test_the_core_is_found_whole() -> None:
    assert {"reader.commands.facts", "reader.story_results", "reader.workspace"} <= set(
        CORE_MODULES
    )


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_textual(module: str) -> None:
    probe = f"import sys, {module}; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False", f"{module} pulls in Textual"


def test_import_linter_contract_holds() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed")
    result = subprocess.run(
        [lint_imports], capture_output=True, text=True, cwd=Path(reader.__file__).parents[1]
    )
    assert result.returncode == 0, result.stdout + result.stderr
