#!/usr/bin/env bash
# An integrator's shell script against the ARI Dialer API, the way its documentation shows it:
# bearer token, JSON bodies with curl, ids pulled out with jq. Needs API_TOKEN and BASE_URL.
set -euo pipefail
: "${API_TOKEN:?}" "${BASE_URL:?}"
auth=(-H "Authorization: Bearer $API_TOKEN")
json=(-H "Content-Type: application/json")

CAMPAIGN_ID=$(curl -s -X POST "${auth[@]}" "${json[@]}" \
  -d '{"name": "Shell Campaign", "trunk_type": "pjsip", "trunk_value": "my_trunk", "callerid": "1234567890",
       "agent_dest_type": "exten", "agent_dest_value": "100", "concurrent_calls": 5, "record_calls": 1}' \
  "$BASE_URL/campaigns" | jq -r '.data.id')
echo "campaign=$CAMPAIGN_ID"

curl -s -X POST "${auth[@]}" "${json[@]}" \
  -d '{"numbers": [{"phone_number": "1111111111"}, {"phone_number": "2222222222", "data": {"name": "Jane"}}]}' \
  "$BASE_URL/campaigns/$CAMPAIGN_ID/numbers/bulk" | jq -c '{m: .message, d: .data}'

curl -s -X POST "${auth[@]}" "$BASE_URL/campaigns/$CAMPAIGN_ID/start" | jq -c '.data'
curl -s "${auth[@]}" "$BASE_URL/monitoring/realtime" | jq -c '{ok: .success, running: [.data.campaigns[].id]}'
TODAY=$(date +%Y-%m-%d)
curl -s "${auth[@]}" "$BASE_URL/cdr/stats?campaign_id=$CAMPAIGN_ID&start_date=$TODAY&end_date=$TODAY" | jq -c '.data.total_calls'
curl -s -X POST "${auth[@]}" "${json[@]}" "$BASE_URL/campaigns/$CAMPAIGN_ID/stop" | jq -c '.data'
