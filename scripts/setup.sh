# Shared set-up for scripts/run and scripts/test; sourced, not run.
# Installs what is missing: Debian packages (when root, else prints the one apt line to run),
# a .venv with the app, and the compiled translations.

RUNTIME_PACKAGES="libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
fonts-wqy-microhei libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1"
# The tests render offscreen; the benchmark compares against the sqlite3 shell; screenshots
# use a real X server; the report tests read the PDF back with poppler's pdftotext.
TEST_PACKAGES="sqlite3 xvfb xauth poppler-utils"

missing_debian_packages() {
    local pkg missing=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
            || missing="$missing $pkg"
    done
    echo "$missing"
}

ensure_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: the user knows best
    local missing
    missing=$(missing_debian_packages "$@")
    [ -z "$missing" ] && return 0
    install_debian $missing
}

install_debian() {
    if [ "$(id -u)" = 0 ]; then
        echo "Installing system packages: $*"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
            >/dev/null
    else
        echo "Tracker needs these system packages. Run:" >&2
        echo "  sudo apt-get install -y $*" >&2
        exit 1
    fi
}

ensure_python() {
    PYTHON=${PYTHON:-python3}
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Tracker needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
        exit 1
    fi
}

# ensure_venv EXTRAS: create .venv and install the app (editable) with the given extras.
# A stamp of pyproject.toml's hash skips the install when nothing changed.
ensure_venv() {
    local extras=$1 stamp=.venv/.installed-$1 want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ ! -x .venv/bin/python ]; then
        # Debian's python3 makes venvs only with python3-venv installed.
        if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
            rm -rf .venv
            install_debian python3-venv
            "$PYTHON" -m venv .venv
        fi
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        .venv/bin/python -m pip install -q --upgrade pip >/dev/null
        .venv/bin/python -m pip install -q -e ".$extras"
        echo "$want" > "$stamp"
    fi
}

build_translations() {
    .venv/bin/python scripts/build_translations
}
