from __future__ import annotations

from builders import auth, make_case, make_claimant
from sqlmodel import select

from claims_api.claimants.models import Claimant


def test_a_write_with_a_stale_if_match_is_412_and_changes_nothing(client, session, app_state):
    claimant = make_claimant(session, make_case(session), phone="06-0000-0000")
    url = f"/api/v1/claimants/{claimant.id}"
    first_read = client.get(url, headers=auth(app_state))
    etag = first_read.headers["etag"]

    # Two people opened the same record; the first saves.
    saved = client.patch(url, json={"phone": "06-1111-1111"}, headers={**auth(app_state), "If-Match": etag})
    assert saved.status_code == 200
    assert saved.headers["etag"] != etag

    # The second saves on top of what it read: refused, with the current tag to reload against.
    stale = client.patch(url, json={"phone": "06-2222-2222"}, headers={**auth(app_state), "If-Match": etag})
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["current_etag"] == saved.headers["etag"]
    session.expire_all()
    assert session.exec(select(Claimant).where(Claimant.id == claimant.id)).one().phone == "06-1111-1111"

    fresh = client.patch(
        url, json={"phone": "06-2222-2222"}, headers={**auth(app_state), "If-Match": stale.json()["current_etag"]}
    )
    assert fresh.status_code == 200 and fresh.json()["phone"] == "06-2222-2222"


def test_the_etag_is_the_same_while_the_record_is_unchanged_and_if_match_is_optional(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}"
    assert (
        client.get(url, headers=auth(app_state)).headers["etag"]
        == client.get(url, headers=auth(app_state)).headers["etag"]
    )
    assert client.patch(url, json={"phone": "06-3333-3333"}, headers=auth(app_state)).status_code == 200


def test_stage_checklist_and_dismiss_honour_if_match_and_return_the_new_etag(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}"
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    ticked = client.put(
        f"{url}/checklist/damage_schedule",
        json={"received_on": "2024-05-01"},
        headers={**auth(app_state), "If-Match": etag},
    )
    assert ticked.status_code == 200, ticked.text
    assert ticked.headers["etag"] == client.get(url, headers=auth(app_state)).headers["etag"] != etag
    stale_stage = client.post(
        f"{url}/stage", json={"to_stage": "schedule_received"}, headers={**auth(app_state), "If-Match": etag}
    )
    stale_tick = client.put(
        f"{url}/checklist/damage_schedule", json={"received_on": None}, headers={**auth(app_state), "If-Match": etag}
    )
    stale_dismiss = client.post(f"{url}/duplicates/999/dismiss", headers={**auth(app_state), "If-Match": etag})
    assert (stale_stage.status_code, stale_tick.status_code, stale_dismiss.status_code) == (412, 412, 412)
    current = client.get(url, headers=auth(app_state)).json()
    assert current["stage"] == "intake"
