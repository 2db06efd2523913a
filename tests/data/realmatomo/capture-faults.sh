#!/usr/bin/env bash
# Puts a running realmatomo server (../shared/realmatomo, Matomo 5.1.2) into each fault the client must tell apart
# and saves the raw answers in faults/ with faults/INDEX.tsv, in the kit's format (file, HTTP status, content type,
# seconds, the exact request with tokens written {TOKEN}):
#   - its database stopped (MariaDB by the PID in the run folder; setup.sh starts it again),
#   - maintenance mode ([General] maintenance_mode = 1 in config/config.ini.php),
#   - 127.0.0.1 locked out by brute-force detection ([Login] enableBruteForceDetection = 1, then wrong tokens
#     until the lockout answers; lifted with ./console login:unblock-blocked-ips),
#   - browser-triggered archiving off (enable_browser_archiving_triggering = 0, browser_archiving_disabled_enforce = 1)
#     with a segment that was never processed (pageUrl=@/fa/article-3, visits in the first week of February 2023)
#     and one that matches no visit, and the Live plugin deactivated.
# Every change is undone however the script ends: config.ini.php is put back byte for byte, the database started,
# the address unblocked. Use your own instance (REALMATOMO_RUN), never one that others use at the same time.
# Usage: REALMATOMO_RUN=/tmp/rm-mine tests/data/realmatomo/capture-faults.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KIT="${REALMATOMO_KIT:-$HERE/../../../../shared/realmatomo}"
RUN="$(realpath -m "${REALMATOMO_RUN:-/tmp/realmatomo}")"
ENV_FILE="$RUN/realmatomo.env"
CONFIG="$RUN/matomo/config/config.ini.php"
API=$(sed -n 's/^MATOMO_API_URL=//p' "$ENV_FILE")
T=$(sed -n 's/^MATOMO_TOKEN=//p' "$ENV_FILE")
OUT="$HERE/faults"
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.html
printf 'file\thttp_status\tcontent_type\tseconds\trequest\n' >"$OUT/INDEX.tsv"

SAVED=$(mktemp)
cp "$CONFIG" "$SAVED"
restore() {
  cp "$SAVED" "$CONFIG"
  (cd "$RUN/matomo" && php console login:unblock-blocked-ips >/dev/null 2>&1) || true
  REALMATOMO_RUN="$RUN" REALMATOMO_SKIP_APT=1 "$KIT/setup.sh" >/dev/null
  rm -f "$SAVED"
}
trap restore EXIT

general() { sed -i "s/^\[General\]\$/[General]\n$1/" "$CONFIG"; }
redact() { sed -e "s/$T/{TOKEN}/g" <<<"$1"; }
# post FILE QUERY BODY : POST index.php?QUERY with the raw form body BODY
post() {
  local f=$1 q=$2 body=$3 meta url="$API"
  [ -n "$q" ] && url="$API?$q"
  meta=$(curl -sS -o "$OUT/$f" -w '%{http_code}\t%{content_type}\t%{time_total}' \
         -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body" "$url")
  case "$meta" in *text/html*) case "$f" in *.html) ;; *) mv "$OUT/$f" "$OUT/${f%.*}.html"; f="${f%.*}.html";; esac;; esac
  printf '%s\t%s\t%s\n' "$f" "$meta" "$(redact "POST index.php${q:+?$q}  body: $body")" >>"$OUT/INDEX.tsv"
  printf '  %-86s %s\n' "$f" "${meta%%	*}"
}
Q() { printf 'module=API&method=%s&format=json' "$1"; }
VISITS="token_auth=$T&idSite=1&period=day&date=2023-02-01%2C2023-02-07&filter_limit=-1"

echo "database stopped"
db=$(cat "$RUN/mysqld.pid")
tr '\0' ' ' <"/proc/$db/cmdline" | grep -qF -- "$RUN/" || { echo "pid $db is not this kit's MariaDB" >&2; exit 1; }
kill -TERM "$db"
for _ in $(seq 1 300); do kill -0 "$db" 2>/dev/null || break; sleep 0.1; done
post database-down__client-shape__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)" "$VISITS"
post database-down__params-in-body__VisitsSummary.getVisits.html "" "module=API&format=JSON&method=VisitsSummary.getVisits&$VISITS"
REALMATOMO_RUN="$RUN" REALMATOMO_SKIP_APT=1 "$KIT/setup.sh" >/dev/null

echo "maintenance mode"
general 'maintenance_mode = 1'
post maintenance__client-shape__VisitsSummary.getVisits.html "$(Q VisitsSummary.getVisits)" "$VISITS"
cp "$SAVED" "$CONFIG"

echo "brute-force lockout"
printf '\n[Login]\nenableBruteForceDetection = 1\n' >>"$CONFIG"
for i in $(seq -w 1 30); do
  status=$(curl -sS -o /dev/null -w '%{http_code}' "$API?$(Q API.getMatomoVersion)" --data "token_auth=ffffffffffffffffffffffffffff10$i")
  [ "$status" = 500 ] && break
done
post locked-out__client-shape__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)" "$VISITS"
post locked-out__client-shape__API.getBulkRequest.json "$(Q API.getBulkRequest)" "token_auth=$T&urls%5B0%5D=method%3DAPI.getMatomoVersion"
(cd "$RUN/matomo" && php console login:unblock-blocked-ips >/dev/null)
cp "$SAVED" "$CONFIG"

echo "browser-triggered archiving off"
general 'enable_browser_archiving_triggering = 0\nbrowser_archiving_disabled_enforce = 1'
# The segment as MatomoPS sends it: pageUrl=@%2Ffa%2Farticle-3 (each value encoded), encoded once more as a parameter;
# inside a bulk request's urls[0] once more again.
SEG='pageUrl%3D%40%252Ffa%252Farticle-3'
NONE='pageUrl%3D%40%252Fxx%252Farticle-3'
SEG_IN_BULK='pageUrl%253D%2540%25252Ffa%25252Farticle-3'
post archiving-off__segment-in-query__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)&idSite=1&period=day&date=2023-02-01%2C2023-02-07&segment=$SEG" "token_auth=$T&filter_limit=-1"
post archiving-off__segment-in-query_week__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)&idSite=1&period=week&date=2023-02-01%2C2023-02-28&segment=$SEG" "token_auth=$T&filter_limit=-1"
post archiving-off__segment-in-body__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)" "$VISITS&segment=$SEG"
post archiving-off__segment-in-body__VisitsSummary.get.json "$(Q VisitsSummary.get)" "$VISITS&segment=$SEG"
post archiving-off__no-match-in-query__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)&idSite=1&period=day&date=2023-02-01%2C2023-02-07&segment=$NONE" "token_auth=$T&filter_limit=-1"
post archiving-off__two-sites-in-query__VisitsSummary.getVisits.json "$(Q VisitsSummary.getVisits)&idSite=1%2C2&period=day&date=2023-02-01%2C2023-02-07&segment=$SEG" "token_auth=$T&filter_limit=-1"
post archiving-off__segment-in-query__Actions.getPageUrls.json "$(Q Actions.getPageUrls)&idSite=1&period=day&date=2023-02-01%2C2023-02-07&flat=1&segment=$SEG" "token_auth=$T&filter_limit=-1"
post archiving-off__two-sites-in-query__Actions.getPageUrls.json "$(Q Actions.getPageUrls)&idSite=1%2C2&period=day&date=2023-02-01%2C2023-02-07&flat=1&segment=$SEG" "token_auth=$T&filter_limit=-1"
post archiving-off__bulk__VisitsSummary.getVisits.json "$(Q API.getBulkRequest)" "token_auth=$T&filter_limit=-1&urls%5B0%5D=method%3DVisitsSummary.getVisits%26idSite%3D1%26period%3Dday%26date%3D2023-02-01%252C2023-02-07%26segment%3D$SEG_IN_BULK&urls%5B1%5D=method%3DVisitsSummary.getVisits%26idSite%3D1%26period%3Dday%26date%3D2023-02-01%252C2023-02-07"
post archiving-off__Live.getLastVisitsDetails__segment-with-visits.json "$(Q Live.getLastVisitsDetails)&idSite=1&period=range&date=2023-02-01%2C2023-02-07&segment=$SEG&filter_limit=1&doNotFetchActions=1&showColumns=idVisit" "token_auth=$T"
post archiving-off__Live.getLastVisitsDetails__segment-without-visits.json "$(Q Live.getLastVisitsDetails)&idSite=1&period=range&date=2023-02-01%2C2023-02-07&segment=$NONE&filter_limit=1&doNotFetchActions=1&showColumns=idVisit" "token_auth=$T"
post archiving-off__Live.getLastVisitsDetails__two-sites.json "$(Q Live.getLastVisitsDetails)&idSite=1%2C2&period=range&date=2023-02-01%2C2023-02-07&segment=$SEG&filter_limit=1&doNotFetchActions=1&showColumns=idVisit" "token_auth=$T"
(cd "$RUN/matomo" && php console plugin:deactivate Live >/dev/null)
post Live-deactivated__Live.getLastVisitsDetails.json "$(Q Live.getLastVisitsDetails)&idSite=1&period=range&date=2023-02-01%2C2023-02-07&segment=$SEG&filter_limit=1&doNotFetchActions=1&showColumns=idVisit" "token_auth=$T"
(cd "$RUN/matomo" && php console plugin:activate Live >/dev/null)
echo "restoring the server"
