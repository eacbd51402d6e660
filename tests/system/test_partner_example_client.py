"""The insurer's example client (docs/examples/partner_client.py), run as its engineers would run it: against the
real claims-api, with the demo insurer's credentials and a state file that carries over from one run to the next.

First run: it lists every claim shared with the insurer and caches them. Staff then change a claimant's name
kana: the next run reports exactly that claim as updated and caches the new name. Staff then record that the
claimant withdrew consent: the next run reports the end of access and deletes the cached copy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "docs" / "examples" / "partner_client.py"
INSURER = "デモ損害保険株式会社"  # the insurer the demo client `demo-insurer` stands for
CLIENT_ID = "demo-insurer"
CLIENT_SECRET = os.environ.get("BENGODAN_DEMO_INSURER_SECRET", "demo-insurer-secret")  # as the demo seeds it


def _run_client(base_url: str, state_file: Path) -> dict[str, Any]:
    result = subprocess.run(
        [
            sys.executable,
            str(CLIENT),
            "--base-url",
            base_url,
            "--client-id",
            CLIENT_ID,
            "--state-file",
            str(state_file),
            "--once",
        ],
        env={**os.environ, "BENGODAN_PARTNER_CLIENT_SECRET": CLIENT_SECRET},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout  # --once: one pass, one report
    report: dict[str, Any] = json.loads(lines[0])
    return report


def _partner_claim_ids(base_url: str) -> list[int]:
    """Every claim the partner API lists for the demo insurer, following `next` to the end."""
    token = httpx.post(
        f"{base_url}/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
    )
    assert token.status_code == 200, token.text
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    ids: list[int] = []
    url: str | None = f"{base_url}/partner/v1/claims?limit=100&fields=claimant"
    while url is not None:
        page = httpx.get(url, headers=headers)
        assert page.status_code == 200, page.text
        ids += [claim["id"] for claim in page.json()["items"]]
        url = page.json()["next"]
    return ids


def test_example_client_syncs_updates_and_forgets(stack, admin_token, tmp_path):
    base_url = stack.urls["claims-api"]
    staff = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {admin_token}"})
    case_id = staff.get("/api/v1/cases").json()[0]["id"]
    # Offices insured with the demo insurer that consented to sharing with it. The demo's own claimants are not
    # relied on (in the seed data no insured office has consented), nor changed: other tests share the stack.
    ours = []
    for n, (name, kana) in enumerate(
        [("保険 共有一", "ホケン キョウユウイチ"), ("保険 共有二", "ホケン キョウユウニ")]
    ):
        created = staff.post(
            "/api/v1/claimants",
            json={
                "case_id": case_id,
                "kind": "sr_individual",
                "name": name,
                "name_kana": kana,
                "office_name": f"保険共有試験社会保険労務士事務所（{n + 1}）",
                "insured": True,
                "insurance_plan": "full",
                "insurer": INSURER,
                "insurer_sharing_consent": True,
            },
        )
        assert created.status_code == 201, created.text
        ours.append(created.json()["id"])

    listed = _partner_claim_ids(base_url)
    assert set(ours) <= set(listed)
    state_file = tmp_path / "insurer" / "state.json"
    cache = state_file.with_suffix(".claims")

    # 1. First run: every shared claim, cached one file each.
    first = _run_client(base_url, state_file)
    assert first["full_sync"] is True
    assert first["claims"] == len(listed)
    assert first["cached"] == len(listed)
    assert first["updated"] == first["access_ended"] == []
    assert {int(p.stem) for p in cache.glob("*.json")} == set(listed)
    assert json.loads(state_file.read_text(encoding="utf-8"))["cursor"] == first["cursor"]

    # 2. Staff correct the name kana of one claimant the insurer sees: that claim, and only it, is updated.
    changed, untouched = ours
    patched = staff.patch(f"/api/v1/claimants/{changed}", json={"name_kana": "ホケン キョウユウイチロウ"})
    assert patched.status_code == 200, patched.text
    second = _run_client(base_url, state_file)
    assert second["full_sync"] is False
    assert second["updated"] == [changed]
    assert second["access_ended"] == second["unchanged"] == []
    assert second["cursor"] != first["cursor"]
    cached = json.loads((cache / f"{changed}.json").read_text(encoding="utf-8"))
    assert cached["claim"]["claimant"]["name_kana"] == "ホケン キョウユウイチロウ"
    assert cached["etag"]  # a single claim carries its ETag: the next refetch can be answered 304

    # 3. The claimant withdraws consent: the insurer is told once and deletes its copy.
    withdrawn = staff.patch(f"/api/v1/claimants/{changed}", json={"insurer_sharing_consent": False})
    assert withdrawn.status_code == 200, withdrawn.text
    third = _run_client(base_url, state_file)
    assert third["access_ended"] == [changed]
    assert third["updated"] == []
    assert third["cached"] == len(listed) - 1
    assert not (cache / f"{changed}.json").exists()
    assert (cache / f"{untouched}.json").exists()
    assert changed not in _partner_claim_ids(base_url)

    # 4. Nothing happened since: nothing to report, and the cursor stays where it was.
    fourth = _run_client(base_url, state_file)
    assert fourth["updated"] == fourth["access_ended"] == fourth["unchanged"] == []
    assert fourth["cursor"] == third["cursor"]
