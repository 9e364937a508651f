# Sourced by the project's scripts: exports JAVA_HOME for the newest JDK >= 21 on this machine.
# An explicit CUTTLE_JAVA_HOME wins. Fails with a message naming what was searched.
cuttle_find_jdk() {
  local candidates=() dir best="" best_major=0 major
  [ -n "${CUTTLE_JAVA_HOME:-}" ] && candidates+=("$CUTTLE_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/javac" ] || continue
    major=$("$dir/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p')
    [ -n "$major" ] || continue
    if [ -n "${CUTTLE_JAVA_HOME:-}" ] && [ "$dir" = "$CUTTLE_JAVA_HOME" ]; then
      best="$dir"; best_major="$major"; break
    fi
    if [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
  done
  if [ -z "$best" ] || [ "$best_major" -lt 21 ]; then
    echo "cuttle: no JDK >= 21 found (newest found: ${best:-none}, version ${best_major});" \
         "searched CUTTLE_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, /opt and javac on PATH." \
         "Install one (e.g. apt-get install openjdk-21-jdk-headless) or set CUTTLE_JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
cuttle_find_jdk
