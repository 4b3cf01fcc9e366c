#!/usr/bin/env bash
# Installs what newslint's build and tests need on a fresh Debian machine:
# libclang for hunspell-rs's bindings, a C++ compiler for the Hunspell
# source it builds, Neovim for the editor end-to-end test of `newslint lsp`
# (tests/lsp_nvim.rs), and for the end-to-end tests of `newslint serve`
# (tests/serve_e2e.rs) Chromium with its WebDriver and the Python packages
# in tools/requirements-e2e.txt. Does nothing when they are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! python3 -c "import selenium, language_tool_python" >/dev/null 2>&1; then
    pip=(python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore
         -r tools/requirements-e2e.txt)
    # Debian's own Python refuses system-wide installs (PEP 668) unless told.
    "${pip[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages
fi
