#!/usr/bin/env bash
# The SHA-256 of a part of the field set: of the sorted list "sha256  path" of every file in it
# (documents and their .meta.json hand counts), so any change to the frozen test part shows.
set -euo pipefail
cd "$(dirname "$0")"
find "$1" -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
