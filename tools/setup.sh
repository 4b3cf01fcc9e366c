#!/usr/bin/env bash
# Installs what newslint's build and tests need on a fresh Debian machine
# (run as root by CI; uses sudo otherwise). Does nothing that is already done.
#
# - libclang for hunspell-rs's bindings, a C++ compiler for the Hunspell
#   source it builds;
# - Neovim and Emacs with eglot for the editor end-to-end tests of
#   `newslint lsp` (tests/lsp_nvim.rs, tests/lsp_emacs.rs);
# - python3's jsonschema (and rfc3986-validator or rfc3987, so `format: uri`
#   is checked) for the SARIF schema test (tests/formats.rs);
# - Node.js and npm, and the VS Code extension's npm packages
#   (editors/vscode, `npm ci` from its package-lock.json) for its build and
#   tests (tests/vscode.rs);
# - Chromium with its WebDriver and the Python packages in
#   tools/requirements-e2e.txt for the end-to-end tests of `newslint serve`
#   (tests/serve_e2e.rs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

cd "$ROOT"
need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || need+=(elpa-eglot)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! python3 -c 'import jsonschema, rfc3986_validator' >/dev/null 2>&1 &&
   ! python3 -c 'import jsonschema, rfc3987' >/dev/null 2>&1; then
    # Debian's own python3 refuses pip installs into the system (PEP 668);
    # a python3 of its own (pyenv, as on CI) takes them.
    python3 -m pip install --quiet --disable-pip-version-check \
        'jsonschema>=4.18' rfc3986-validator 2>/dev/null ||
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
            python3-jsonschema python3-rfc3987 >/dev/null
fi

# The VS Code extension's packages, exactly as locked.
VSCODE="$ROOT/editors/vscode"
if [ -f "$VSCODE/package-lock.json" ] &&
   { [ ! -f "$VSCODE/node_modules/.package-lock.json" ] ||
     [ "$VSCODE/package-lock.json" -nt "$VSCODE/node_modules/.package-lock.json" ]; }; then
    (cd "$VSCODE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

if ! python3 -c "import selenium, language_tool_python" >/dev/null 2>&1; then
    pip=(python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore
         -r tools/requirements-e2e.txt)
    # Debian's own Python refuses system-wide installs (PEP 668) unless told.
    "${pip[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages
fi
