#!/usr/bin/env bash
# Asks a running realmatomo server (../shared/realmatomo, Matomo 5.1.2) the questions the kit's own
# capture.sh does not ask, and saves the raw answers in ours/ with ours/INDEX.tsv, in the kit's format:
# file, HTTP status, content type, seconds, the exact request (tokens written {TOKEN}, {TOKEN_VIEWER}).
# Only the kit's documented sites 1 and 2 are asked about, so every install answers the same.
# One deliberately wrong token is sent (the kit turns brute-force detection off; Matomo's default
# locks an address out after 20 in 60 minutes).
# Usage: tests/data/realmatomo/capture.sh      (reads $REALMATOMO_RUN/realmatomo.env, default /tmp/realmatomo)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="${REALMATOMO_RUN:-/tmp/realmatomo}/realmatomo.env"
API=$(sed -n 's/^MATOMO_API_URL=//p' "$ENV_FILE")
T=$(sed -n 's/^MATOMO_TOKEN=//p' "$ENV_FILE")
TV=$(sed -n 's/^MATOMO_TOKEN_VIEWER=//p' "$ENV_FILE")
WRONG=ffffffffffffffffffffffffffff0042
OUT="$HERE/ours"
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.html
printf 'file\thttp_status\tcontent_type\tseconds\trequest\n' >"$OUT/INDEX.tsv"

redact() { sed -e "s/$T/{TOKEN}/g" -e "s/$TV/{TOKEN_VIEWER}/g" <<<"$1"; }
# post FILE QUERY BODY : POST index.php?QUERY with the raw form body BODY
post() {
  local f=$1 q=$2 body=$3 meta url="$API"
  [ -n "$q" ] && url="$API?$q"
  meta=$(curl -sS -o "$OUT/$f" -w '%{http_code}\t%{content_type}\t%{time_total}' \
         -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body" "$url")
  case "$meta" in *text/html*) case "$f" in *.html) ;; *) mv "$OUT/$f" "$OUT/${f%.*}.html"; f="${f%.*}.html";; esac;; esac
  printf '%s\t%s\t%s\n' "$f" "$meta" "$(redact "POST index.php${q:+?$q}  body: $body")" >>"$OUT/INDEX.tsv"
  printf '  %-78s %s\n' "$f" "${meta%%	*}"
}

# The client's own request shape: module, method and format in the query string, everything else in the body.
Q() { printf 'module=API&method=%s&format=json' "$1"; }
post wrong-token_client-shape__SitesManager.getSitesIdWithAtLeastViewAccess.json "$(Q SitesManager.getSitesIdWithAtLeastViewAccess)" "token_auth=$WRONG&filter_limit=-1"
post client-shape__VisitsSummary.getVisits__site1_day_2023-01-01..2023-01-03.json "$(Q VisitsSummary.getVisits)" "token_auth=$T&idSite=1&period=day&date=2023-01-01%2C2023-01-03&filter_limit=-1"

B="module=API&format=JSON&token_auth=$T"
post VisitsSummary.getVisits__idSite-1,2_day_2023-03-09_single-date.json "" "$B&method=VisitsSummary.getVisits&idSite=1,2&period=day&date=2023-03-09"
post VisitsSummary.get__idSite-1,2_day_2023-03-09_single-date.json "" "$B&method=VisitsSummary.get&idSite=1,2&period=day&date=2023-03-09"
post VisitsSummary.getVisits__site1_year_2022-01-01..2023-12-31.json "" "$B&method=VisitsSummary.getVisits&idSite=1&period=year&date=2022-01-01,2023-12-31"
post VisitsSummary.getVisits__site1_day_2023-01-01..2023-01-03_segment-no-match.json "" "$B&method=VisitsSummary.getVisits&idSite=1&period=day&date=2023-01-01,2023-01-03&segment=pageUrl%3D@%252Fxx%252F"
post VisitsSummary.get__site2_day_2023-03-09_single-empty-date.json "" "$B&method=VisitsSummary.get&idSite=2&period=day&date=2023-03-09"
post VisitsSummary.get__site1_year_2021-06-01_single-empty-year.json "" "$B&method=VisitsSummary.get&idSite=1&period=year&date=2021-06-01"
post VisitsSummary.getVisits__site1_range_2023-01-01..2023-01-31.json "" "$B&method=VisitsSummary.getVisits&idSite=1&period=range&date=2023-01-01,2023-01-31"
post VisitsSummary.getVisits__site1_month_2023-03-31..2023-01-01_reversed.json "" "$B&method=VisitsSummary.getVisits&idSite=1&period=month&date=2023-03-31,2023-01-01"
post VisitsSummary.getUsers__site1_year_2023-01-01_error.json "" "$B&method=VisitsSummary.getUsers&idSite=1&period=year&date=2023-01-01"
post API.getBulkRequest__outer-filter_limit-2_3-urls.json "" "$B&method=API.getBulkRequest&filter_limit=2&urls%5B0%5D=method%3DVisitsSummary.getVisits%26idSite%3D1%26period%3Dday%26date%3D2023-01-01&urls%5B1%5D=method%3DVisitsSummary.getVisits%26idSite%3D2%26period%3Dday%26date%3D2023-01-15&urls%5B2%5D=method%3DVisitsSummary.getVisits%26idSite%3D1%26period%3Dmonth%26date%3D2023-01-01"
# Two conditions on the page URL joined by AND hold for one action: the mixed visit (/en/, then /de/article-1.html) is not found by the first.
post VisitsSummary.getVisits__site2_day_2023-03-10_segment-en-AND-de.json "" "$B&method=VisitsSummary.getVisits&idSite=2&period=day&date=2023-03-10&segment=pageUrl%3D@%252Fen%252F%3BpageUrl%3D@%252Fde%252F"
post VisitsSummary.getVisits__site2_day_2023-03-10_segment-de-AND-article-1.json "" "$B&method=VisitsSummary.getVisits&idSite=2&period=day&date=2023-03-10&segment=pageUrl%3D@%252Fde%252F%3BpageUrl%3D@article-1"
# Matomo cuts a date list at 31 December ten years from its clock's now (these were captured with the server's clock in 2026:
# the answers stop at 2036-12-31, and a list wholly after it gets the one day that holds the cut end).
post horizon__VisitsSummary.getVisits__site1_day_2036-12-30..2037-01-02.json "" "$B&method=VisitsSummary.getVisits&idSite=1&period=day&date=2036-12-30,2037-01-02"
post horizon__VisitsSummary.getVisits__site1_day_2037-01-01..2037-01-05.json "" "$B&method=VisitsSummary.getVisits&idSite=1&period=day&date=2037-01-01,2037-01-05"
post error__bad-date-in-list.json "" "$B&method=VisitsSummary.get&idSite=1&period=day&date=2023-01-01,notadate"
post error__date-before-1991.json "" "$B&method=VisitsSummary.get&idSite=1&period=day&date=1980-01-01"
post error__idSite-all_no-token.json "" "module=API&format=JSON&method=VisitsSummary.getVisits&idSite=all&period=day&date=2023-01-01"
post error__viewer-token_unknown-idSite-99.json "" "module=API&format=JSON&token_auth=$TV&method=VisitsSummary.getVisits&idSite=99&period=day&date=2023-01-01"
# Test-MatomoHealth's questions: the latest visit (site's zone; "" when none), one visit past a count in the visit log,
# tracking failures (admin access: the viewer is refused) and the sites the token administers.
post Live.getMostRecentVisitsDateTime__site1_range_2023-01-01..2023-03-31.json "" "$B&method=Live.getMostRecentVisitsDateTime&idSite=1&period=range&date=2023-01-01,2023-03-31"
post Live.getMostRecentVisitsDateTime__site2_day_2023-04-15_none.json "" "$B&method=Live.getMostRecentVisitsDateTime&idSite=2&period=day&date=2023-04-15"
post Live.getLastVisitsDetails__site1_day_2023-01-01_idVisit_offset-6_limit-2.json "" "$B&method=Live.getLastVisitsDetails&idSite=1&period=day&date=2023-01-01&showColumns=idVisit&doNotFetchActions=1&filter_offset=6&filter_limit=2"
post CoreAdminHome.getTrackingFailures__superuser.json "" "$B&method=CoreAdminHome.getTrackingFailures"
post CoreAdminHome.getTrackingFailures__viewer_error.json "" "module=API&format=JSON&token_auth=$TV&method=CoreAdminHome.getTrackingFailures"
post SitesManager.getSitesIdWithAdminAccess__viewer.json "" "module=API&format=JSON&token_auth=$TV&method=SitesManager.getSitesIdWithAdminAccess"
# All sites at once, as Get-MatomoSiteSummary asks (the viewer's token: only site 2, whatever other sites the server has),
# and Matomo's default form with the change as text ("150%"); a period of range; the method only super users may call.
post client-shape__MultiSites.getAll__viewer_month_2023-03_enhanced.json "$(Q MultiSites.getAll)" "token_auth=$TV&period=month&date=2023-03-01&enhanced=1&format_metrics=0&filter_limit=-1"
post MultiSites.getAll__viewer_month_2023-03.json "" "module=API&format=JSON&token_auth=$TV&method=MultiSites.getAll&period=month&date=2023-03-01"
post client-shape__MultiSites.getAll__viewer_range_2023-03-01..2023-03-10_enhanced.json "$(Q MultiSites.getAll)" "token_auth=$TV&period=range&date=2023-03-01%2C2023-03-10&enhanced=1&format_metrics=0&filter_limit=-1"
post error__viewer-token_CoreAdminHome.invalidateArchivedReports.json "$(Q CoreAdminHome.invalidateArchivedReports)" "token_auth=$TV&idSites=2&period=day&dates=2023-03-10&filter_limit=-1"
