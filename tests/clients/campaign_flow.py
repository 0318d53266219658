"""An integrator's Python client for the ARI Dialer API (requests), used against Pacer in the tests.

Reads PACER_BASE_URL and PACER_TOKEN; prints one JSON line per call so the test can check each reply.
"""
import json
import os
import sys

import requests


class DialerClient:
    def __init__(self, base_url, token):
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def _call(self, method, path, **kwargs):
        reply = requests.request(method, f"{self.base_url}{path}", headers=self.headers, timeout=10, **kwargs)
        return reply.json()

    def campaigns(self, status=None):
        return self._call("GET", "/campaigns", params={"status": status} if status else {})

    def create_campaign(self, fields):
        return self._call("POST", "/campaigns", json=fields)

    def add_numbers(self, campaign_id, numbers):
        return self._call("POST", f"/campaigns/{campaign_id}/numbers/bulk", json={"numbers": numbers})

    def start(self, campaign_id):
        return self._call("POST", f"/campaigns/{campaign_id}/start")

    def stop(self, campaign_id):
        return self._call("POST", f"/campaigns/{campaign_id}/stop")

    def cdr(self, campaign_id=None, page=1, per_page=20):
        return self._call("GET", "/cdr", params={"campaign_id": campaign_id, "page": page, "per_page": per_page})

    def realtime(self):
        return self._call("GET", "/monitoring/realtime")


def main():
    api = DialerClient(os.environ["PACER_BASE_URL"], os.environ["PACER_TOKEN"])
    created = api.create_campaign({
        "name": "Python Campaign", "trunk_type": "pjsip", "trunk_value": "trunk1",
        "agent_dest_type": "exten", "agent_dest_value": "100", "concurrent_calls": 3,
    })
    campaign_id = created["data"]["id"]
    steps = [
        ("create", created),
        ("add", api.add_numbers(campaign_id, [{"phone_number": "1234567890"}, {"phone_number": "0987654321"}])),
        ("start", api.start(campaign_id)),
        ("running", api.campaigns("running")),
        ("cdr", api.cdr(campaign_id)),
        ("realtime", api.realtime()),
        ("stop", api.stop(campaign_id)),
    ]
    for name, reply in steps:
        print(json.dumps({"step": name, "reply": reply}))
    return 0 if all(reply.get("success") for _, reply in steps) else 1


if __name__ == "__main__":
    sys.exit(main())
