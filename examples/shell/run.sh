#!/bin/sh
# Sends session.jsonl to webnic-rpc and prints one line per answer: its id, then the result's
# organizationId or dry-run URL, or the error's category. Plain POSIX shell and sed, no jq.
# The built-in sandbox unless given --live (or WEBNIC_LIVE=1): then the WEBNIC_* settings say which
# WebNIC, with which credentials. WEBNIC_RPC names the binary.
# A plugin that cannot be started or exits with an error is reported in one line, with status 1.
set -eu
here=$(dirname "$0")
binary=${WEBNIC_RPC:-webnic-rpc}
mode=--sandbox
case "${1:-}:${WEBNIC_LIVE:-}" in --live:* | *:1 | *:true) mode= ;; esac
if ! command -v "$binary" > /dev/null 2>&1; then
  echo "webnic-rpc could not be started ($binary): not found; set WEBNIC_RPC to its path" >&2
  exit 1
fi
# POSIX sh has no pipefail: the answers go to a file first, so that the plugin's status is seen.
answers=$(mktemp)
trap 'rm -f "$answers"' EXIT
status=0
"$binary" $mode < "$here/session.jsonl" > "$answers" || status=$?
if [ "$status" -ne 0 ]; then
  echo "webnic-rpc exited with status $status" >&2
  exit 1
fi
sort "$answers" | while IFS= read -r line; do
  id=$(printf '%s\n' "$line" | sed -n 's/^{"jsonrpc":"2.0","id":"\([^"]*\)".*/\1/p')
  case "$line" in
    *'"result":{"dryRun":true'*) echo "$id: would send $(printf '%s\n' "$line" | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')" ;;
    *'"result":'*) echo "$id: organization $(printf '%s\n' "$line" | sed -n 's/.*"result":{"organizationId":\([0-9]*\).*/\1/p')" ;;
    *'"category":'*) echo "$id: error $(printf '%s\n' "$line" | sed -n 's/.*"category":"\([^"]*\)".*/\1/p')" ;;
    *) echo "$id: error $(printf '%s\n' "$line" | sed -n 's/.*"code":\(-*[0-9]*\).*/\1/p')" ;;
  esac
done
