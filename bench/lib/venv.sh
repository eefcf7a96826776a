# Sourced by bench suites: makes sure the ignored virtual environment has the given PyPI packages.
# Usage: bench_venv PACKAGE...   (prints nothing; returns non-zero when they cannot be installed)
bench_venv() {
  if [ ! -x "$BENCH_VENV/bin/python" ]; then
    python3 -m venv "$BENCH_VENV" >&2 || return 1
  fi
  local missing=()
  for p in "$@"; do
    "$BENCH_VENV/bin/python" -c "import importlib.metadata as m; m.version('${p%%[=<>]*}')" 2>/dev/null || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    "$BENCH_VENV/bin/pip" install -q "${missing[@]}" >&2 || return 1
  fi
}
