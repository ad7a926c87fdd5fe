"""scripts/ensure-system-packages.sh installs from Debian exactly what a machine is missing, and nothing else.

The script runs with a PATH of stand-ins: an apt-get that records its calls and "installs" programs,
and a Python without ensurepip, as Debian's is before python3-venv.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers import REPO

SCRIPT = REPO / "scripts" / "ensure-system-packages.sh"
FAKE_APT = """#!/bin/bash
echo "$*" >> "$APT_LOG"
if [ "$1" = install ]; then
  for package in "$@"; do
    case "$package" in
      chromium) program=chromium ;; default-jre-headless) program=java ;; shellcheck) program=shellcheck ;;
      firefox-esr) program=firefox-esr ;; webkit2gtk-driver) program=WebKitWebDriver ;; xvfb) program=Xvfb ;;
      *) continue ;;
    esac
    printf '#!/bin/sh\\n' > "$(dirname "$0")/$program"; chmod +x "$(dirname "$0")/$program"
  done
fi
"""


def fake_machine(tmp_path: Path, programs: list[str], python_has_venv: bool) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").symlink_to("/usr/bin/id")
    (bin_dir / "dirname").symlink_to("/usr/bin/dirname")
    (bin_dir / "chmod").symlink_to("/bin/chmod")
    (bin_dir / "apt-get").write_text(FAKE_APT, encoding="utf-8")
    (bin_dir / "python3").write_text(f"#!/bin/sh\nexit {0 if python_has_venv else 1}\n", encoding="utf-8")
    for program in programs:
        (bin_dir / program).write_text("#!/bin/sh\n", encoding="utf-8")
    for stub in bin_dir.iterdir():
        if not stub.is_symlink():
            stub.chmod(0o755)
    return bin_dir


def run(tmp_path: Path, bin_dir: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    log = tmp_path / "apt.log"
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        env={"PATH": str(bin_dir), "APT_LOG": str(log), "PYTHON": "python3"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls


def test_a_bare_debian_machine_gets_every_missing_package(tmp_path: Path) -> None:
    assert Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists()  # so the font is not asked for
    result, calls = run(tmp_path, fake_machine(tmp_path, [], python_has_venv=False))
    assert result.returncode == 0, result.stderr
    assert calls == [
        "update -qq",
        "install -y -qq --no-install-recommends python3-venv chromium firefox-esr webkit2gtk-driver xvfb"
        " default-jre-headless shellcheck",
    ]


def test_a_machine_with_everything_installs_nothing(tmp_path: Path) -> None:
    everything = ["chromium", "firefox-esr", "WebKitWebDriver", "Xvfb", "java", "shellcheck"]
    bin_dir = fake_machine(tmp_path, everything, python_has_venv=True)
    result, calls = run(tmp_path, bin_dir)
    assert result.returncode == 0, result.stderr
    assert calls == []


def test_a_failed_install_is_reported(tmp_path: Path) -> None:
    bin_dir = fake_machine(
        tmp_path, ["chromium", "firefox-esr", "WebKitWebDriver", "Xvfb", "java"], python_has_venv=True
    )
    (bin_dir / "apt-get").write_text('#!/bin/sh\necho "$*" >> "$APT_LOG"\n', encoding="utf-8")
    result, calls = run(tmp_path, bin_dir)
    assert result.returncode != 0
    assert "shellcheck is still missing" in result.stderr
    assert calls[-1].endswith("shellcheck")
