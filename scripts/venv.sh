# Sourced by scripts/serve and scripts/test: the portal's own virtual environment in .venv/, made with the
# first Python 3.11 or newer found ($PYTHON, python3), so installing never touches the system's Python.
# Sets VENV_PYTHON.
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Cần Python 3.11 trở lên (đang có: $("$PYTHON" --version 2>&1)); đặt PYTHON=/đường/dẫn/python3.x" >&2
  exit 1
fi
if ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  rm -rf .venv
  if ! "$PYTHON" -m venv .venv; then
    echo "Không tạo được môi trường ảo .venv; trên Debian, Ubuntu hãy cài gói python3-venv rồi chạy lại." >&2
    exit 1
  fi
fi
VENV_PYTHON=.venv/bin/python
