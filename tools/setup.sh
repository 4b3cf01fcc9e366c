#!/usr/bin/env bash
# Installs the system packages newslint's build needs on a fresh Debian
# machine: libclang for hunspell-rs's bindings, a C++ compiler for the
# Hunspell source it builds, and Neovim for the editor end-to-end test of
# `newslint lsp` (tests/lsp_nvim.rs), and python-docx for the Word test of
# `--fix` (tests/formats.rs opens the fixed .docx with it). Does nothing
# when they are already there.
set -euo pipefail
need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# python-docx for the python3 on PATH (pip; Debian's python3-docx when pip
# cannot install, e.g. a system python that refuses it).
if ! python3 -c "import docx" >/dev/null 2>&1; then
    python3 -m pip install -q python-docx >/dev/null 2>&1 \
        || python3 -m pip install -q --break-system-packages python-docx >/dev/null 2>&1 \
        || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
             DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-docx >/dev/null; }
fi
