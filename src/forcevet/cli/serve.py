"""`forcevet serve` (the web workspace) and `forcevet user` (its accounts and API tokens)."""

from __future__ import annotations

import ipaddress
import sys

import typer

from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.model.users import Role
from forcevet.store.store import open_store
from forcevet.store.users import add_token, add_user, has_users, list_users, revoke_token, set_role

LOOPBACK = "127.0.0.1"

user_app = typer.Typer(
    help="Accounts of the web workspace: add, list, change a role, make API tokens.",
    no_args_is_help=True,
)


def is_loopback(host: str) -> bool:
    """Return whether ``host`` only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_host(host: str, *, accounts: bool) -> tuple[str, str | None]:
    """Return the host to bind and what to say about it: a store with no accounts is
    served on 127.0.0.1 only, whatever was asked."""
    if accounts or is_loopback(host):
        return host, None
    return LOOPBACK, (
        f"this store has no accounts, so the workspace is served on {LOOPBACK} only, "
        f"not {host}; add one with `forcevet user add NAME --role admin`"
    )


def serve_command(
    ctx: typer.Context,
    host: str = typer.Option(LOOPBACK, "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the web workspace: candidates, evidence, review, composition, in the browser.

    With no accounts in the store it listens on 127.0.0.1 only and acts as the local
    user; with accounts, everyone logs in (forcevet user add). Sessions are signed
    with FORCEVET_SECRET_KEY (else a key made at start). Example: forcevet serve --port 8080
    """
    import uvicorn

    from forcevet.web import create_app

    settings = settings_of(ctx)
    with open_store(settings) as store:
        accounts = has_users(store)
    bound, warning = serve_host(host, accounts=accounts)
    if warning:
        typer.echo(f"note: {warning}", err=True)
    app = create_app(settings)
    mode = "accounts: log in" if accounts else "no accounts: local user only"
    typer.echo(f"forcevet workspace on http://{bound}:{port}/ ({mode}); Ctrl-C stops it")
    uvicorn.run(app, host=bound, port=port, log_level="warning")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    value: str = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    return value


@user_app.command("add")
def add_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Account name: lower-case letters, digits, . _ -"),
    role: str = typer.Option(..., "--role", help="viewer, analyst, reviewer or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input's first line."
    ),
    by: str | None = typer.Option(None, "--by", help="Who adds it (default: the OS user)."),
) -> None:
    """Add an account; its password is asked for and stored as an argon2 hash.

    Example: forcevet user add ana --role analyst
    """
    settings = settings_of(ctx)
    chosen = Role.parse(role)
    password = _password(password_stdin)
    with open_store(settings) as store, store.transaction():
        user = add_user(store, name, chosen, password, by=by or settings.user)
    typer.echo(f"{user.name}  added as {user.role.value}")


@user_app.command("list")
def list_command(
    ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """List the accounts with their roles. Example: forcevet user list --json"""
    with open_store(settings_of(ctx)) as store:
        users = list_users(store)
    if json:
        print_json([u.to_dict() for u in users])
        return
    if not users:
        typer.echo("no accounts: `forcevet serve` serves 127.0.0.1 only, to the local user")
        return
    print_table(
        "accounts",
        ["name", "role", "added by", "added at"],
        [(u.name, u.role.value, u.created_by, u.created_at) for u in users],
    )


@user_app.command("role")
def role_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Account name."),
    role: str = typer.Argument(..., help="viewer, analyst, reviewer or admin."),
) -> None:
    """Change an account's role. Example: forcevet user role ana reviewer"""
    chosen = Role.parse(role)
    with open_store(settings_of(ctx)) as store, store.transaction():
        user = set_role(store, name, chosen)
    typer.echo(f"{user.name}  is now {user.role.value}")


@user_app.command("token")
def token_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Account name."),
    label: str = typer.Option("", "--label", help="What the token is for."),
) -> None:
    """Make an API token for scripts; it is printed once and only its hash is kept.

    Scripts send it as `Authorization: Bearer TOKEN`. Example: forcevet user token ana --label cron
    """
    with open_store(settings_of(ctx)) as store, store.transaction():
        token_id, token = add_token(store, name, label=label)
    typer.echo(f"{token_id}  {token}")
    typer.echo("keep it now: only its hash is stored", err=True)


@user_app.command("revoke")
def revoke_command(
    ctx: typer.Context,
    token_id: str = typer.Argument(..., metavar="TOKEN_ID", help="The token's id (tok-...)."),
) -> None:
    """Delete an API token by its id. Example: forcevet user revoke tok-1a2b3c4d5e6f"""
    with open_store(settings_of(ctx)) as store, store.transaction():
        revoke_token(store, token_id)
    typer.echo(f"{token_id}  revoked")
