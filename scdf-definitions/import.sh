#!/usr/bin/env bash
# Imports Proofline's app registrations (apps/), task definitions (tasks/) and, where the server
# has a scheduler, schedules (schedules/) into a Spring Cloud Data Flow server through its REST
# API, as the dashboard would. Idempotent: apps are registered again; existing task
# definitions and schedules are kept unless --replace is given.
#
# usage: scdf-definitions/import.sh [--server URL] [--prover-jar URI] [--replace]
#   --server URL      the SCDF server (default $SCDF_URL, else http://localhost:9393)
#   --prover-jar URI  where the server finds the bootable prover jar: file:, maven:// or docker:
#                     (default: file: URI of this checkout's jobs/target/jobs-<version>-exec.jar)
#   --replace         delete and create again the task definitions and schedules that exist
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
SERVER="${SCDF_URL:-http://localhost:9393}"
PROVER_JAR=""
REPLACE=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --server) SERVER="$2"; shift 2 ;;
    --prover-jar) PROVER_JAR="$2"; shift 2 ;;
    --replace) REPLACE=true; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "import.sh: unknown argument '$1' (--help lists them)" >&2; exit 2 ;;
  esac
done
SERVER="${SERVER%/}"
if [[ -z "$PROVER_JAR" ]]; then
  jar="$(ls "$ROOT"/jobs/target/jobs-*-exec.jar 2>/dev/null | head -n 1 || true)"
  if [[ -z "$jar" ]]; then
    echo "import.sh: no prover jar in $ROOT/jobs/target; build it (./proofline build) or pass --prover-jar" >&2
    exit 1
  fi
  PROVER_JAR="file://$jar"
fi

# prop FILE KEY: the value of KEY in a definitions file (everything after the first '=')
prop() {
  sed -n "s/^$2=//p" "$1" | head -n 1
}

# call METHOD PATH [curl args...]: prints the body; fails with the server's answer on an HTTP error
call() {
  local method="$1" path="$2" out status
  shift 2
  out="$(mktemp)"
  status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$SERVER$path" "$@")" || { rm -f "$out"; return 1; }
  if [[ "$status" -ge 300 ]]; then
    echo "import.sh: $method $path answered $status: $(head -c 600 "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

exists() {
  [[ "$(curl -sS -o /dev/null -w '%{http_code}' "$SERVER$1")" == 200 ]]
}

substitute() {
  sed -e "s|@PROVER_JAR@|$PROVER_JAR|g" -e "s|@SCDF_URL@|$SERVER|g" <<<"$1"
}

about="$(call GET /about)" || { echo "import.sh: no Spring Cloud Data Flow server at $SERVER" >&2; exit 1; }
echo "Spring Cloud Data Flow at $SERVER"

for file in "$HERE"/apps/*.properties; do
  type="$(prop "$file" type)"; name="$(prop "$file" name)"; uri="$(substitute "$(prop "$file" uri)")"
  # registered anew, so that this URI is the default version (SCDF keeps one default per name,
  # and refuses a second URI that differs by more than its version)
  while exists "/apps/$type/$name"; do
    call DELETE "/apps/$type/$name" >/dev/null
  done
  call POST "/apps/$type/$name" --data-urlencode "uri=$uri" --data-urlencode "bootVersion=$(prop "$file" boot-version)" \
    --data-urlencode "force=true" >/dev/null
  echo "  app $type/$name: $uri"
done

for file in "$HERE"/tasks/*.properties; do
  name="$(prop "$file" name)"
  if exists "/tasks/definitions/$name"; then
    if [[ "$REPLACE" != true ]]; then
      echo "  task $name: exists, kept (--replace defines it again)"
      continue
    fi
    call DELETE "/tasks/definitions/$name" >/dev/null
  fi
  call POST /tasks/definitions --data-urlencode "name=$name" --data-urlencode "definition=$(substitute "$(prop "$file" definition)")" \
    --data-urlencode "description=$(prop "$file" description)" >/dev/null
  echo "  task $name: $(substitute "$(prop "$file" definition)")"
done

if grep -q '"schedulesEnabled":true' <<<"$about"; then
  for file in "$HERE"/schedules/*.properties; do
    name="$(prop "$file" name)"
    if exists "/tasks/schedules/$name"; then
      if [[ "$REPLACE" != true ]]; then
        echo "  schedule $name: exists, kept"
        continue
      fi
      call DELETE "/tasks/schedules/$name" >/dev/null
    fi
    call POST /tasks/schedules --data-urlencode "scheduleName=$name" --data-urlencode "taskDefinitionName=$(prop "$file" task)" \
      --data-urlencode "properties=scheduler.cron.expression=$(prop "$file" cron)" >/dev/null
    echo "  schedule $name: $(prop "$file" task) at '$(prop "$file" cron)'"
  done
else
  echo "  schedules: skipped, this server has no scheduler (the local platform); see schedules/"
fi
