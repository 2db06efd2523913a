#!/usr/bin/env bash
# Asks a running realmatomo server (../shared/realmatomo, Matomo 5.1.2) for pages of its visit log as Get-MatomoVisitLog
# asks for them (module, method and format in the query string with the parameters that hold no secret, the token in the
# body), and saves the raw answers in live/ with live/INDEX.tsv, in the kit's format. Only the kit's site 1 is asked about.
# Usage: tests/data/realmatomo/capture-live.sh      (reads $REALMATOMO_RUN/realmatomo.env, default /tmp/realmatomo)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="${REALMATOMO_RUN:-/tmp/realmatomo}/realmatomo.env"
API=$(sed -n 's/^MATOMO_API_URL=//p' "$ENV_FILE")
T=$(sed -n 's/^MATOMO_TOKEN=//p' "$ENV_FILE")
OUT="$HERE/live"
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.html
printf 'file\thttp_status\tcontent_type\tseconds\trequest\n' >"$OUT/INDEX.tsv"

# post FILE QUERY : POST index.php?module=API&method=Live.getLastVisitsDetails&format=json&QUERY with the token in the body
post() {
  local f=$1 q="module=API&method=Live.getLastVisitsDetails&format=json&$2" meta
  meta=$(curl -sS -o "$OUT/$f" -w '%{http_code}\t%{content_type}\t%{time_total}' \
         -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "token_auth=$T" "$API?$q")
  printf '%s\t%s\t%s\n' "$f" "$meta" "POST index.php?$q  body: token_auth={TOKEN}" >>"$OUT/INDEX.tsv"
  printf '  %-78s %s\n' "$f" "${meta%%	*}"
}

R='idSite=1&period=range&date=2023-01-01%2C2023-01-02'
# The first page of 3, oldest first; the next one after the third visit's second (minTimestamp: strictly later).
post Live.getLastVisitsDetails__site1_range_2023-01-01..2023-01-02_asc_limit-3.json "$R&filter_limit=3&filter_sort_order=asc"
post Live.getLastVisitsDetails__site1_range_2023-01-01..2023-01-02_asc_limit-3_minTimestamp-1672537020.json "$R&filter_limit=3&filter_sort_order=asc&minTimestamp=1672537020"
# Some properties only, without the actions.
post Live.getLastVisitsDetails__site1_range_2023-01-01..2023-01-02_asc_limit-3_showColumns_doNotFetchActions.json "$R&filter_limit=3&filter_sort_order=asc&doNotFetchActions=1&showColumns=idSite%2CidVisit%2ClastActionTimestamp%2CvisitorId%2Cactions%2CactionDetails"
# A range without visits.
post Live.getLastVisitsDetails__site1_range_2022-06-01..2022-06-30_asc_empty.json "idSite=1&period=range&date=2022-06-01%2C2022-06-30&filter_limit=500&filter_sort_order=asc"
