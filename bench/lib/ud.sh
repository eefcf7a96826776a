# Sourced by bench suites that read the UD Dutch treebanks of ../shared/data.
# Usage: ud_section TITLE WORK   prints the section's title; when the treebanks are absent it says so
# and ends the suite (exit 0), else it empties the suite's work folder WORK. Sets $ud.
ud="$SHARED/data/ud-dutch"
ud_section() {
  echo "## $1"
  echo
  if [ ! -d "$ud" ]; then
    echo "Skipped: $ud is absent (the UD Dutch treebanks of ../shared/data)."
    exit 0
  fi
  rm -rf "$2"
  mkdir -p "$2"
}
