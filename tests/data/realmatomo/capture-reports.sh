#!/usr/bin/env bash
# Asks a running realmatomo server (../shared/realmatomo, Matomo 5.1.2) the report questions MatomoPS's report
# commands and the double's reports depend on, and saves the raw answers in reports/ with reports/INDEX.tsv, in
# the kit's format: file, HTTP status, content type, seconds, the exact request (tokens written {TOKEN}).
# Answers that hold the token (the graph URLs of API.getReportMetadata) get it replaced by {TOKEN} as well.
# Only the kit's documented sites 1 and 2 are asked about, so every install answers the same. No wrong token is sent.
# Usage: tests/data/realmatomo/capture-reports.sh   (reads $REALMATOMO_RUN/realmatomo.env, default /tmp/realmatomo)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="${REALMATOMO_RUN:-/tmp/realmatomo}/realmatomo.env"
API=$(sed -n 's/^MATOMO_API_URL=//p' "$ENV_FILE")
T=$(sed -n 's/^MATOMO_TOKEN=//p' "$ENV_FILE")
OUT="$HERE/reports"
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.html
printf 'file\thttp_status\tcontent_type\tseconds\trequest\n' >"$OUT/INDEX.tsv"

redact() { sed -e "s/$T/{TOKEN}/g" <<<"$1"; }
# post FILE QUERY BODY : POST index.php?QUERY with the raw form body BODY
post() {
  local f=$1 q=$2 body=$3 meta url="$API"
  [ -n "$q" ] && url="$API?$q"
  meta=$(curl -sS -o "$OUT/$f" -w '%{http_code}\t%{content_type}\t%{time_total}' \
         -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body" "$url")
  sed -i -e "s/$T/{TOKEN}/g" "$OUT/$f"
  printf '%s\t%s\t%s\n' "$f" "$meta" "$(redact "POST index.php${q:+?$q}  body: $body")" >>"$OUT/INDEX.tsv"
  printf '  %-78s %s\n' "$f" "${meta%%	*}"
}

B="module=API&format=JSON&token_auth=$T"
P="$B&method=Actions.getPageUrls&idSite=1&period=month&date=2023-01-01"
# The client's own request shape: module, method and format in the query string, everything else in the body.
post client-shape__Actions.getPageUrls__site1_month_2023-01_flat.json "module=API&method=Actions.getPageUrls&format=json" "token_auth=$T&idSite=1&period=month&date=2023-01-01%2C2023-01-31&format_metrics=0&filter_limit=-1&flat=1"
post Actions.getPageUrls__site1_month_2023-01_default.json "" "$P"
post Actions.getPageUrls__site1_month_2023-01_format_metrics-0.json "" "$P&format_metrics=0&filter_limit=-1"
post Actions.getPageUrls__site1_month_2023-01_flat.json "" "$P&format_metrics=0&filter_limit=-1&flat=1"
post Actions.getPageUrls__site1_month_2023-01_expanded.json "" "$P&format_metrics=0&filter_limit=-1&expanded=1"
post Actions.getPageUrls__site1_month_2023-01_label-path.json "" "$P&format_metrics=0&filter_limit=-1&label=en%3E%2Farticle-1.html"
post Actions.getPageUrls__site1_month_2023-01_label-top-level.json "" "$P&format_metrics=0&filter_limit=-1&label=de"
post Actions.getPageUrls__site1_month_2023-01..2023-02-28_label-no-match.json "" "$B&method=Actions.getPageUrls&idSite=1&period=month&date=2023-01-01,2023-02-28&format_metrics=0&filter_limit=-1&label=xx"
post Actions.getPageUrls__site1_month_2023-01_idSubtable-1.json "" "$P&format_metrics=0&filter_limit=-1&idSubtable=1"
post Actions.getPageUrls__site1_month_2023-01_flat_filter_offset-2_filter_limit-3.json "" "$P&format_metrics=0&flat=1&filter_offset=2&filter_limit=3"
post Actions.getPageUrls__site1_month_2023-01_flat_filter_pattern-article-1.json "" "$P&format_metrics=0&filter_limit=-1&flat=1&filter_pattern=article-1"
post Actions.getPageUrls__site1_month_2023-01_flat_sort-nb_hits-asc_filter_limit-5.json "" "$P&format_metrics=0&flat=1&filter_sort_column=nb_hits&filter_sort_order=asc&filter_limit=5"
post Actions.getPageUrls__site1_month_2023-01_showColumns-nb_hits.json "" "$P&format_metrics=0&filter_limit=-1&showColumns=nb_hits"
post Actions.getPageUrls__site1_month_2023-01_hierarchical_filter_limit-2.json "" "$P&format_metrics=0&filter_limit=2"
post Actions.getPageUrls__site1_day_2023-01-01..2023-01-03_flat.json "" "$B&method=Actions.getPageUrls&idSite=1&period=day&date=2023-01-01,2023-01-03&format_metrics=0&filter_limit=-1&flat=1"
post Actions.getPageUrls__site1_day_2023-01-01..2023-01-02.json "" "$B&method=Actions.getPageUrls&idSite=1&period=day&date=2023-01-01,2023-01-02&format_metrics=0&filter_limit=-1"
post Actions.getPageUrls__site2_day_2023-03-09..2023-03-10_empty-day.json "" "$B&method=Actions.getPageUrls&idSite=2&period=day&date=2023-03-09,2023-03-10&format_metrics=0&filter_limit=-1"
post Actions.getPageUrls__idSite-1,2_range_2023-03-01..2023-03-31.json "" "$B&method=Actions.getPageUrls&idSite=1,2&period=range&date=2023-03-01,2023-03-31&format_metrics=0&filter_limit=-1"
post Actions.getPageUrls__idSite-1,2_month_2023-01-01..2023-02-28.json "" "$B&method=Actions.getPageUrls&idSite=1,2&period=month&date=2023-01-01,2023-02-28&format_metrics=0&filter_limit=-1"
post Actions.getPageUrls__site1_week_2023-01-02..2023-01-15_segment-pageUrl-contains-de.json "" "$B&method=Actions.getPageUrls&idSite=1&period=week&date=2023-01-02,2023-01-15&format_metrics=0&filter_limit=-1&segment=pageUrl%3D@%252Fde%252F"
post Actions.getPageTitles__site1_month_2023-01.json "" "$B&method=Actions.getPageTitles&idSite=1&period=month&date=2023-01-01&format_metrics=0&filter_limit=-1"
post Actions.getPageTitles__site1_month_2023-01_flat.json "" "$B&method=Actions.getPageTitles&idSite=1&period=month&date=2023-01-01&format_metrics=0&filter_limit=-1&flat=1"
post Referrers.getReferrerType__site1_month_2023-01.json "" "$B&method=Referrers.getReferrerType&idSite=1&period=month&date=2023-01-01&format_metrics=0&filter_limit=-1"
post Referrers.getReferrerType__site1_day_2023-01-01..2023-01-02.json "" "$B&method=Referrers.getReferrerType&idSite=1&period=day&date=2023-01-01,2023-01-02&format_metrics=0&filter_limit=-1"
post UserCountry.getCountry__site1_month_2023-01.json "" "$B&method=UserCountry.getCountry&idSite=1&period=month&date=2023-01-01&format_metrics=0&filter_limit=-1"
post UserCountry.getCountry__site1_week_2023-01-01..2023-01-15.json "" "$B&method=UserCountry.getCountry&idSite=1&period=week&date=2023-01-01,2023-01-15&format_metrics=0&filter_limit=-1"
post DevicesDetection.getBrowsers__site1_month_2023-01.json "" "$B&method=DevicesDetection.getBrowsers&idSite=1&period=month&date=2023-01-01&format_metrics=0&filter_limit=-1"
post DevicesDetection.getBrowsers__site1_day_2023-01-01.json "" "$B&method=DevicesDetection.getBrowsers&idSite=1&period=day&date=2023-01-01&format_metrics=0&filter_limit=-1"
post VisitsSummary.get__site1_month_2023-01-01..2023-02-28_format_metrics-0.json "" "$B&method=VisitsSummary.get&idSite=1&period=month&date=2023-01-01,2023-02-28&format_metrics=0&filter_limit=-1"
post VisitsSummary.get__site1_range_2023-01-01..2023-02-28_format_metrics-0.json "" "$B&method=VisitsSummary.get&idSite=1&period=range&date=2023-01-01,2023-02-28&format_metrics=0&filter_limit=-1"
post API.getReportMetadata__site1.json "" "$B&method=API.getReportMetadata&idSite=1&filter_limit=-1"
