"""Accounts, sessions, tokens and the headers every page carries."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from forcevet.model.users import Role
from forcevet.settings import Settings
from forcevet.store.store import open_store
from forcevet.store.users import add_token, check_password
from forcevet.web import create_app
from tests.web.conftest import LOCAL_USER, PASSWORD, csrf_of, login


def test_a_store_without_accounts_serves_its_local_user(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f"{LOCAL_USER} · admin" in page.text
    assert "local, no accounts" in page.text


@pytest.mark.usefixtures("accounts")
def test_with_accounts_every_page_asks_to_log_in(client: TestClient) -> None:
    page = client.get("/?case=gaza-isf", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/%3Fcase%3Dgaza-isf"
    api = client.get("/api/runs/latest")
    assert api.status_code == 401
    assert api.json()["error"]


@pytest.mark.usefixtures("accounts")
def test_login_with_the_right_password_only(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    wrong = client.post(
        "/login", data={"name": "ana", "password": "not it at all", "csrf_token": token}
    )
    assert wrong.status_code == 401
    assert "wrong password" in wrong.text
    login(client, "ana")
    assert "ana · analyst" in client.get("/").text


@pytest.mark.usefixtures("accounts")
def test_login_without_the_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    answer = client.post("/login", data={"name": "ana", "password": PASSWORD})
    assert answer.status_code == 403
    assert "security token" in answer.text


@pytest.mark.usefixtures("accounts")
def test_login_never_redirects_off_site(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={
            "name": "ana",
            "password": PASSWORD,
            "next": "//evil.example/x",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"


@pytest.mark.usefixtures("accounts")
def test_logout_ends_the_session(client: TestClient) -> None:
    token = login(client, "vic")
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.usefixtures("accounts")
def test_an_api_token_acts_for_its_account(client: TestClient, web_url: str) -> None:
    with open_store(web_url) as store, store.transaction():
        _, token = add_token(store, "vic", label="test")
    answer = client.get("/api/runs/latest", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.json()["run"]["params"]["plain"] is True
    bad = client.get("/api/runs/latest", headers={"Authorization": "Bearer fvt_nope"})
    assert bad.status_code == 401


@pytest.mark.usefixtures("accounts")
def test_passwords_are_stored_as_argon2_hashes(web_url: str) -> None:
    with open_store(web_url) as store:
        hashes = [r[0] for r in store.connection.exec_driver_sql("SELECT password_hash FROM users")]
        assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
        assert check_password(store, "ana", PASSWORD) is not None
        assert check_password(store, "ana", PASSWORD + "x") is None
        assert check_password(store, "nobody", PASSWORD) is None


def test_every_page_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/login", "/api", "/api/openapi.json", "/static/forcevet.css"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_roles_are_cumulative() -> None:
    assert Role.ADMIN.allows(Role.REVIEWER) and Role.REVIEWER.allows(Role.ANALYST)
    assert not Role.VIEWER.allows(Role.ANALYST) and not Role.ANALYST.allows(Role.REVIEWER)


def test_the_session_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    cookie = client.get("/login").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie


def test_secure_cookies_are_sent_over_https_only(web_settings: Settings) -> None:
    secure = web_settings.model_copy(update={"secure_cookies": True})
    with TestClient(create_app(secure, secret_key="k")) as client:
        assert "secure" in client.get("/login").headers["set-cookie"].lower()


def test_writes_in_a_request_are_committed(web_url: str) -> None:
    """A route that read first (who is asking) still commits what it writes."""
    from forcevet.store.store import Store
    from forcevet.store.users import add_user, get_user, has_users
    from forcevet.web.deps import writing

    with open_store(web_url) as store:
        assert not has_users(store)  # a read: begins an implicit transaction
        with writing(store):
            add_user(store, "wes", Role.ADMIN, PASSWORD, by="test")
    with open_store(web_url) as store:
        assert isinstance(store, Store)
        assert get_user(store, "wes") is not None


def test_the_server_holds_no_more_connections_than_its_threads_use(
    web_settings: Settings,
) -> None:
    import anyio.to_thread

    from forcevet.web.app import CONNECTIONS, REQUEST_THREADS

    app = create_app(web_settings, secret_key="k")
    with TestClient(app) as client:
        assert client.get("/api/runs").status_code == 200
        limiter = client.portal.call(anyio.to_thread.current_default_thread_limiter)
        assert limiter.total_tokens == REQUEST_THREADS
    assert app.state.engine.pool.size() == CONNECTIONS > REQUEST_THREADS
