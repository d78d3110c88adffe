#!/usr/bin/env bash
# Installs Parallax into the desktop: its menu entry, its icon in every size, and the session
# file type (*.parallax), so that the app shows in the menu and a session opens on double-click.
# The binary is not built or copied here: install it first, e.g. `cargo install --path .`.
#
#   packaging/install.sh               install for the current user (or as PREFIX says)
#   packaging/install.sh --uninstall   remove what it installed
#
# Where: $PREFIX/share when PREFIX is set (e.g. PREFIX=/usr/local, as root), else
# $XDG_DATA_HOME, else ~/.local/share. Running it again replaces the same files.
set -euo pipefail

usage() {
    sed -n '2,10s/^# \{0,1\}//p' "$0"
}

action=install
case "${1-}" in
    "") ;;
    --uninstall) action=uninstall ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "install.sh: unknown argument '$1'" >&2
        usage >&2
        exit 2
        ;;
esac
if [[ $# -gt 1 ]]; then
    echo "install.sh: one argument at most" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
if [[ -n "${PREFIX-}" ]]; then
    data="$PREFIX/share"
elif [[ -n "${XDG_DATA_HOME-}" ]]; then
    data="$XDG_DATA_HOME"
else
    data="${HOME:?HOME is not set}/.local/share"
fi

sizes=(16 32 48 64 128 256 512)
icons="$data/icons/hicolor"
# Each installed file: sources[i] goes to destinations[i].
sources=("$here/parallax.desktop" "$here/parallax-mime.xml" "$root/assets/icon/parallax.svg")
destinations=(
    "$data/applications/parallax.desktop"
    "$data/mime/packages/parallax-mime.xml"
    "$icons/scalable/apps/parallax.svg"
)
for size in "${sizes[@]}"; do
    sources+=("$root/assets/icon/parallax-$size.png")
    destinations+=("$icons/${size}x${size}/apps/parallax.png")
done

# Refreshes the caches desktops read, where the tools for them are installed.
refresh() {
    if command -v update-mime-database >/dev/null && [[ -d "$data/mime/packages" ]]; then
        update-mime-database "$data/mime"
    fi
    if command -v update-desktop-database >/dev/null && [[ -d "$data/applications" ]]; then
        update-desktop-database "$data/applications"
    fi
    if [[ -d "$icons" ]]; then
        # Icon themes notice new icons by the folder's time.
        touch "$icons"
    fi
}

case "$action" in
    install)
        for i in "${!sources[@]}"; do
            install -D -m 644 "${sources[i]}" "${destinations[i]}"
            echo "installed ${destinations[i]}"
        done
        refresh
        if ! command -v parallax >/dev/null; then
            echo "note: no 'parallax' on PATH; the menu entry runs it: install it with" \
                "'cargo install --path $root' (or put it on PATH)" >&2
        fi
        ;;
    uninstall)
        for destination in "${destinations[@]}"; do
            if [[ -e "$destination" ]]; then
                rm -f "$destination"
                echo "removed $destination"
            fi
        done
        refresh
        ;;
esac
