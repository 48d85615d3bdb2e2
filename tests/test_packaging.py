"""The built wheel installs into a fresh virtualenv and its ``unionkg`` command runs."""

from __future__ import annotations

import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(wheel_dir), str(ROOT)], check=True)
    [wheel] = list(wheel_dir.glob("unionkg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    # the design-card folders are subpackages of one namespace, with their data files
    for expected in ("unionkg/cli/__init__.py", "unionkg/graph/model.py", "unionkg/ingest/pipeline.py",
                     "unionkg/ontology/unionkg.ttl", "unionkg/queries/__init__.py", "unionkg/viz/__init__.py"):
        assert expected in names, expected
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # Dependencies come from this environment (no download in a test); unionkg itself only from the wheel.
    purelib = Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                           text=True).strip())
    deps = [p for p in {sysconfig.get_paths()["purelib"], *site.getsitepackages()} if Path(p).is_dir()]
    (purelib / "deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    out = subprocess.run([str(venv / "bin" / "unionkg"), "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "ingest" in out.stdout and "query" in out.stdout
    where = subprocess.check_output([str(py), "-c", "import unionkg.graph.model as m; print(m.__file__)"], text=True,
                                    cwd=tmp_path)
    assert str(venv) in where  # imported from the wheel, not the source tree
