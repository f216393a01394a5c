#!/usr/bin/env bash
# Makes sure the system libraries WeasyPrint needs (Pango, HarfBuzz subsetting) are present.
# As root with apt-get it installs them; otherwise it prints exactly what to install.
set -euo pipefail

missing=()
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("$lib")
done
[ ${#missing[@]} -eq 0 ] && exit 0

packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system libraries for PDF output: $packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  exit 0
fi
echo "careplan needs these system libraries for PDF output: ${missing[*]}" >&2
echo "On Debian or Ubuntu:  sudo apt-get install $packages" >&2
echo "On Fedora:            sudo dnf install pango harfbuzz" >&2
echo "On macOS (Homebrew):  brew install pango" >&2
exit 1
