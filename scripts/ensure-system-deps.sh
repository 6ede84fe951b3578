#!/usr/bin/env bash
# Installs the system programs the test suite drives for real (Chromium for browser tests, PostgreSQL, Redis for
# multi-node Socket.IO, promtool to check the /metrics output, Tesseract with the six UN languages and
# Poppler's pdftoppm for OCR) when they are missing. Debian packages; needs root (or passwordless sudo).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
# OAI-PMH tests: xmllint validates responses, Debian's HTTP::OAI harvester (oai_pmh) harvests them.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v oai_pmh >/dev/null 2>&1 || missing+=(libhttp-oai-perl)
# The PostgreSQL test run: initdb + pg_ctl started by the tests as a child process (no system service).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
# Language data: ara, chi_sim, eng, fra, rus, spa (+ osd for script detection, pulled in by tesseract-ocr).
for lang in ara chi-sim eng fra rus spa; do
  traineddata="${lang/-/_}.traineddata"
  ls /usr/share/tesseract-ocr/*/tessdata/"$traineddata" >/dev/null 2>&1 || missing+=("tesseract-ocr-$lang")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages for the tests: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root to apt-get install ${missing[*]}; install them and re-run." >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
