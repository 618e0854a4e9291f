# Sourced by run-app.sh and test-all.sh after install-deps.sh.
# HiGHS (C++, built by CMake inside highs-sys) is rebuilt whenever a cargo invocation resolves
# different host features — clippy, test, the CLI and the desktop build each do — and every
# rebuild takes minutes on two cores. Through ccache the repeats take seconds. Paths under the
# repository are hashed relative to the build directory, so the per-build OUT_DIRs still hit.
if command -v ccache >/dev/null 2>&1; then
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
fi
