"""Real servers on 127.0.0.1 for delivery tests, used by tests and benchmarks alike.

aiosmtpd (AUTH, STARTTLS, implicit TLS; certificates from trustme) and a threaded HTTP
server that answers like each bot API.

The fake bot APIs check what the real ones check (tokens, DingTalk and Feishu signatures,
payload shape) and answer the way they do, errors at HTTP 200 included. Every request is
recorded for assertions. ``fake.queue(Reply(...))`` makes the next answer a specific one
(429, 5xx, a slow answer) whatever the route.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend

from tests.service_formats import TelegramHtml, feishu_post_problem, utf16_length

# --- keyring ---------------------------------------------------------------------------


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend, so no test touches the user's real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if self.values.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# --- certificates ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def server_tls(ca) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(scope="session")
def client_tls(ca) -> ssl.SSLContext:
    """What a sender needs to trust the test CA (and nothing else)."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


# --- SMTP ------------------------------------------------------------------------------

USER, PASSWORD = "alice", "s3cret-pw"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class Inbox:
    """aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            ok = auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
            if ok:
                self.logins.append(auth_data.login.decode())
            return AuthResult(success=ok, handled=False)
        return AuthResult(success=False, handled=False)


@dataclass
class SmtpServer:
    host: str
    port: int
    inbox: Inbox


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_smtp(inbox: Inbox, **kwargs: Any) -> Controller:
    # aiosmtpd 1.4 checks readiness by connecting to the configured port, so port 0
    # (let the OS choose) cannot be used; take a free port instead.
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=_free_port(),
        authenticator=inbox.authenticate,
        auth_required=True,
        ready_timeout=5,
        **kwargs,
    )
    controller.start()
    return controller


def _port(controller: Controller) -> int:
    return controller.port


@pytest.fixture
def smtp_starttls(server_tls) -> Iterator[SmtpServer]:
    """SMTP with STARTTLS required before AUTH, like a submission server on port 587."""
    inbox = Inbox()
    controller = _start_smtp(inbox, tls_context=server_tls, require_starttls=True)
    yield SmtpServer("127.0.0.1", _port(controller), inbox)
    controller.stop()


@pytest.fixture
def smtp_implicit_tls(server_tls) -> Iterator[SmtpServer]:
    """SMTP over implicit TLS, like port 465."""
    inbox = Inbox()
    # aiosmtpd only counts STARTTLS as TLS when deciding to offer AUTH; this connection is
    # encrypted from its first byte, so AUTH is safe to offer.
    controller = _start_smtp(inbox, ssl_context=server_tls, auth_require_tls=False)
    yield SmtpServer("127.0.0.1", _port(controller), inbox)
    controller.stop()


@pytest.fixture
def smtp_plain() -> Iterator[SmtpServer]:
    """SMTP without TLS (AUTH allowed in clear, for the "none" security setting)."""
    inbox = Inbox()
    controller = _start_smtp(inbox, auth_require_tls=False)
    yield SmtpServer("127.0.0.1", _port(controller), inbox)
    controller.stop()


@pytest.fixture
def smtp_no_auth() -> Iterator[SmtpServer]:
    """SMTP that needs no login at all (a company relay, a local MTA)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), ready_timeout=5)
    controller.start()
    yield SmtpServer("127.0.0.1", _port(controller), inbox)
    controller.stop()


@pytest.fixture
def dead_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    return _free_port()


# --- HTTP bot APIs ---------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    raw_query: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list -> JSON, str/bytes as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[[Request], Reply]


class FakeBotServer:
    """The fake bot APIs: ``routes`` by path prefix, ``queued`` replies served first."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.routes: dict[str, Route] = {}
        self.queued: list[Reply] = []
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self.queued.extend(replies)

    def route(self, prefix: str, handler: Route) -> None:
        self.routes[prefix] = handler

    def answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self.queued:
                return self.queued.pop(0)
        for prefix, handler in sorted(self.routes.items(), key=lambda kv: -len(kv[0])):
            if request.path.startswith(prefix):
                return handler(request)
        return Reply(404, "not found")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Request(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query),
                    raw_query=parts.query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                reply = server.answer(request)
                if reply.delay:
                    time.sleep(reply.delay)
                if isinstance(reply.body, dict | list):
                    data = json.dumps(reply.body).encode()
                    content_type = "application/json"
                elif isinstance(reply.body, bytes):
                    data, content_type = reply.body, "application/octet-stream"
                else:
                    data, content_type = (reply.body or "").encode(), "text/plain; charset=utf-8"
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            do_POST = do_PUT = do_GET = _serve

            def log_message(self, format, *args):
                pass

        return Handler


# What each fake API expects; the tests configure senders with the same values.
DINGTALK_TOKEN = "ding-token-123"
DINGTALK_SECRET = "SECabcdef0123456789"
WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
FEISHU_TOKEN = "feishu-hook-token"
FEISHU_SECRET = "feishu-signing-secret"
TELEGRAM_TOKEN = "123456:ABC-DEF1234ghIkl"
NTFY_TOKEN = "tk_testtoken"
FEISHU_SIGN_FAIL = "sign match fail or timestamp is not within one hour from current time"


def dingtalk_api(secret: str | None = DINGTALK_SECRET, keyword: str | None = None) -> Route:
    """DingTalk's /robot/send: token, then signature (when set), then keyword checks."""

    def handle(request: Request) -> Reply:
        if request.param("access_token") != DINGTALK_TOKEN:
            return Reply(200, {"errcode": 300001, "errmsg": "token is not exist"})
        if secret is not None:
            timestamp, sign = request.param("timestamp"), request.param("sign")
            if not timestamp or not sign:
                return Reply(200, {"errcode": 310000, "errmsg": "sign not match"})
            if abs(int(timestamp) - time.time() * 1000) > 3_600_000:
                return Reply(200, {"errcode": 310000, "errmsg": "sign not match, timestamp"})
            expected = base64.b64encode(
                hmac.new(
                    secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256
                ).digest()
            ).decode()
            if not hmac.compare_digest(sign, expected):
                return Reply(200, {"errcode": 310000, "errmsg": "sign not match"})
        data = request.json
        kind = data.get("msgtype")
        if kind not in ("text", "markdown") or not isinstance(data.get(kind), dict):
            return Reply(200, {"errcode": 40035, "errmsg": "缺少参数 json"})
        content = data[kind].get("content") or data[kind].get("text") or ""
        if kind == "markdown" and not (data[kind].get("title") and data[kind].get("text")):
            return Reply(200, {"errcode": 40035, "errmsg": "缺少参数 markdown.title/text"})
        if len(content.encode()) > 20_000:
            return Reply(200, {"errcode": 460101, "errmsg": "message too long, exceed 20000 bytes"})
        if not _dingtalk_at_ok(data.get("at")):
            return Reply(200, {"errcode": 40035, "errmsg": "缺少参数 json"})
        if keyword is not None and keyword not in content:
            return Reply(200, {"errcode": 310000, "errmsg": "keywords not in content"})
        return Reply(200, {"errcode": 0, "errmsg": "ok"})

    return handle


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _dingtalk_at_ok(at: Any) -> bool:
    """DingTalk's ``at``: atMobiles and atUserIds lists of text, isAtAll a boolean."""
    if at is None:
        return True
    return (
        isinstance(at, dict)
        and all(_strings(at.get(k, [])) for k in ("atMobiles", "atUserIds"))
        and isinstance(at.get("isAtAll", False), bool)
    )


_FEISHU_AT = re.compile(r'<at user_id="([^"<>]*)">([^<]*)</at>')


def pings(service: str, data: dict[str, Any]) -> set[str]:
    """Who a message pings, read the way each service documents it (docs/MENTIONS.md):
    user IDs and mobiles as given, ``"everyone"`` for an @all."""
    found: set[str] = set()
    if service == "dingtalk":
        kind = data["msgtype"]
        content = data[kind].get("content") or data[kind].get("text") or ""
        at = data.get("at") or {}
        # The docs: a number or userId pings when it is in the at list and "@…" in the content.
        found = {v for v in at.get("atMobiles", []) + at.get("atUserIds", []) if f"@{v}" in content}
        if at.get("isAtAll"):
            found.add("everyone")
    elif service == "wecom":
        if data["msgtype"] == "markdown":
            found = set(re.findall(r"<@([^<>]+)>", data["markdown"]["content"]))
        else:
            text = data["text"]
            found = set(text.get("mentioned_list", []) + text.get("mentioned_mobile_list", []))
        if "@all" in found:
            found = (found - {"@all"}) | {"everyone"}
    elif service == "feishu":
        if data["msg_type"] == "post":
            for body in data["content"]["post"].values():
                for line in body["content"]:
                    found |= {e["user_id"] for e in line if e.get("tag") == "at"}
        else:
            found = {m.group(1) for m in _FEISHU_AT.finditer(data["content"]["text"])}
        if "all" in found:
            found = (found - {"all"}) | {"everyone"}
    elif service == "slack":
        text = data["text"]
        found = set(re.findall(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>", text))
        if re.search(r"<!(channel|here|everyone)>", text):
            found.add("everyone")
    elif service == "discord":
        content = data["content"]
        allowed = data.get("allowed_mentions")
        named = set(re.findall(r"<@!?(\d+)>", content))
        if allowed is None:  # Discord's default: every mention in the content pings
            found = named | ({"everyone"} if re.search(r"@(everyone|here)", content) else set())
        else:
            users = set(allowed.get("users", [])) if "users" in allowed else set()
            parse = allowed.get("parse", [])
            found = named & users if "users" not in parse else named
            if "everyone" in parse and re.search(r"@(everyone|here)", content):
                found.add("everyone")
    elif service == "telegram":
        found = set(re.findall(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{4,31})\b", data["text"]))
    return found


def wecom_api(request: Request) -> Reply:
    if request.param("key") != WECOM_KEY:
        return Reply(200, {"errcode": 93000, "errmsg": "invalid webhook url"})
    data = request.json
    kind = data.get("msgtype")
    if kind not in ("text", "markdown") or not data.get(kind, {}).get("content"):
        return Reply(200, {"errcode": 40008, "errmsg": "invalid message type"})
    most = 4096 if kind == "markdown" else 2048
    if len(data[kind]["content"].encode()) > most:
        error = f"{kind}.content exceed max length {most}. invalid Request Parameter"
        return Reply(200, {"errcode": 40058, "errmsg": error})
    part = data[kind]
    if not all(_strings(part.get(k, [])) for k in ("mentioned_list", "mentioned_mobile_list")):
        return Reply(200, {"errcode": 40058, "errmsg": "invalid mentioned_list"})
    return Reply(200, {"errcode": 0, "errmsg": "ok"})


def feishu_api(secret: str | None = FEISHU_SECRET) -> Route:
    """Feishu's /open-apis/bot/v2/hook/<token>: signature in the body, then shape."""

    def handle(request: Request) -> Reply:
        token = request.path.rsplit("/", 1)[-1]
        if token != FEISHU_TOKEN:
            return Reply(
                200,
                {
                    "code": 19001,
                    "msg": "param invalid: incoming webhook access token invalid",
                    "data": {},
                },
            )
        data = request.json
        if secret is not None:
            timestamp, sign = str(data.get("timestamp", "")), data.get("sign", "")
            key = f"{timestamp}\n{secret}".encode()
            expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
            fresh = timestamp.isdigit() and abs(int(timestamp) - time.time()) <= 3600
            if not fresh or not hmac.compare_digest(str(sign), expected):
                return Reply(200, {"code": 19021, "msg": FEISHU_SIGN_FAIL, "data": {}})
        if len(request.body) > 20 * 1024:
            return Reply(200, {"code": 9499, "msg": "Bad Request: body too large", "data": {}})
        if data.get("msg_type") == "post" and feishu_post_problem(data.get("content")):
            return Reply(200, {"code": 9499, "msg": "Bad Request", "data": {}})
        kind, content = data.get("msg_type"), data.get("content", {})
        if kind != "post" and (kind != "text" or not content.get("text")):
            return Reply(200, {"code": 9499, "msg": "Bad Request", "data": {}})
        if kind == "post":
            for body in content["post"].values():
                for line in body.get("content", []):
                    for element in line:
                        if element.get("tag") == "at" and not isinstance(
                            element.get("user_id"), str
                        ):
                            return Reply(200, {"code": 9499, "msg": "Bad Request", "data": {}})
        return Reply(200, {"code": 0, "msg": "success", "data": {}})

    return handle


def slack_api(request: Request) -> Reply:
    if request.path != "/services/T000/B000/XXXX":
        return Reply(404, "no_service")
    if not request.json.get("text"):
        return Reply(400, "no_text")
    if len(request.json["text"]) > 40_000:
        return Reply(400, "msg_too_long")
    return Reply(200, "ok")


def discord_api(request: Request) -> Reply:
    if request.path != "/api/webhooks/123/tok":
        return Reply(404, {"message": "Unknown Webhook", "code": 10015})
    data = request.json
    if not data.get("content"):
        return Reply(400, {"message": "Cannot send an empty message", "code": 50006})
    if len(data["content"]) > 2000:
        too_long = {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}
        errors = {"content": {"_errors": [too_long]}}
        return Reply(400, {"message": "Invalid Form Body", "code": 50035, "errors": errors})
    if not _discord_allowed_ok(data.get("allowed_mentions")):
        return Reply(400, {"message": "Invalid Form Body", "code": 50035})
    if request.param("wait") == "true":
        return Reply(200, {"id": "1", "content": data["content"]})
    return Reply(204)


def _discord_allowed_ok(allowed: Any) -> bool:
    """The allowed mentions object as Discord's docs define it: parse among users, roles,
    everyone; at most 100 users, snowflakes; "users" in parse together with a users list
    is refused (mutually exclusive)."""
    if allowed is None:
        return True
    if not isinstance(allowed, dict):
        return False
    parse, users = allowed.get("parse", []), allowed.get("users", [])
    if not _strings(parse) or not set(parse) <= {"users", "roles", "everyone"}:
        return False
    if not _strings(users) or len(users) > 100 or ("users" in parse and users):
        return False
    return all(re.fullmatch(r"[0-9]{17,20}", u) for u in users)


def teams_api(request: Request) -> Reply:
    if len(request.body) > 28 * 1024:
        error = {"code": "RequestEntityTooLarge", "message": "Request Entity too large"}
        return Reply(413, {"error": error})
    data = request.json
    attachments = data.get("attachments") or []
    if data.get("type") != "message" or not attachments:
        return Reply(400, {"error": {"code": "InvalidTemplate", "message": "attachments missing"}})
    return Reply(202, "")


def telegram_api(request: Request) -> Reply:
    if not request.path.startswith(f"/bot{TELEGRAM_TOKEN}/"):
        return Reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    data = request.json
    if data.get("chat_id") in (None, "", "0"):
        return Reply(
            400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        )
    text = data.get("text") or ""
    if data.get("parse_mode") == "HTML":
        reading = TelegramHtml.read(text)
        if reading.error:
            error = f"Bad Request: can't parse entities: {reading.error}"
            return Reply(400, {"ok": False, "error_code": 400, "description": error})
        text = reading.visible
    if utf16_length(text) > 4096:
        error = "Bad Request: message is too long"
        return Reply(400, {"ok": False, "error_code": 400, "description": error})
    return Reply(200, {"ok": True, "result": {"message_id": 1, "text": text}})


def ntfy_api(request: Request) -> Reply:
    if request.headers.get("authorization") != f"Bearer {NTFY_TOKEN}":
        return Reply(403, {"code": 40301, "http": 403, "error": "forbidden"})
    data = request.json
    if len(str(data.get("message", "")).encode()) > 4096:
        error = "message too large"
        return Reply(413, {"code": 41301, "http": 413, "error": error})
    return Reply(200, {"id": "abc", "event": "message", "topic": data["topic"]})


# --- personal push services -------------------------------------------------------------
# Each answers as its real API does (see the sender modules' docstrings for the sources):
# the result field decides, errors included. Where a real error names the key it got, the
# fake does too, so the tests see that the sender keeps it out of every text.

SERVERCHAN_KEY = "SCT123456TAbCdEfGhIjKlMnOp"
PUSHPLUS_TOKEN = "be8652e98bd04139a13e1bffcd6d0f71"
BARK_KEY = "ynJ5Ft4atkMkWeo2PAvFhF"
GOTIFY_TOKEN = "AiOLxxDxYOCc7bY"
PUSHOVER_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi"
PUSHOVER_USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG"


def serverchan_api(request: Request) -> Reply:
    """/serverchan/<SendKey>.send: code 0, or another code and why (title 32, desp 32 KB)."""
    key = request.path.rsplit("/", 1)[-1].removesuffix(".send")
    if key != SERVERCHAN_KEY:
        return Reply(200, {"code": 40001, "message": f"bad pushtoken {key}", "data": None})
    data = request.json
    title, desp = str(data.get("title") or ""), str(data.get("desp") or "")
    if not title or len(title) > 32 or len(desp.encode()) > 32 * 1024:
        return Reply(200, {"code": 40002, "message": "title or desp too long", "data": None})
    return Reply(200, {"code": 0, "message": "", "data": {"pushid": "1", "readkey": "r"}})


def pushplus_api(daily_limit: int = 200) -> Route:
    """/pushplus/send: code 200; 903 a wrong token; 900 once the day's requests are used."""
    used = [0]

    def handle(request: Request) -> Reply:
        data = request.json
        if data.get("token") != PUSHPLUS_TOKEN:
            return Reply(200, {"code": 903, "msg": "无效的用户令牌", "data": None})
        used[0] += 1
        if used[0] > daily_limit:
            return Reply(200, {"code": 900, "msg": "用户账号使用受限", "data": None})
        if not data.get("content") or data.get("template") not in ("txt", "markdown", "html"):
            return Reply(200, {"code": 999, "msg": "服务端验证错误", "data": None})
        return Reply(200, {"code": 200, "msg": "请求成功", "data": "075074e3c17e449e9a0c"})

    return handle


def bark_api(request: Request) -> Reply:
    """/bark/<device key>: code 200; 400 naming the key it did not know; 400 over 4 KB."""
    key = request.path.rsplit("/", 1)[-1]
    stamp = int(time.time())
    if key != BARK_KEY:
        message = f"failed to get device token: failed to get [{key}] device token from database"
        return Reply(400, {"code": 400, "message": message, "timestamp": stamp})
    data = request.json
    if not data.get("body"):
        return Reply(400, {"code": 400, "message": "push content can not be empty"})
    if len(request.body) > 4096:
        return Reply(400, {"code": 400, "message": "push failed: PayloadTooLarge"})
    return Reply(200, {"code": 200, "message": "success", "timestamp": stamp})


def gotify_api(request: Request) -> Reply:
    """/gotify/message: the created message; 401 for a wrong app token, 400 without text."""
    if request.headers.get("x-gotify-key") != GOTIFY_TOKEN:
        description = "you need to provide a valid access token or user credentials"
        return Reply(
            401, {"error": "Unauthorized", "errorCode": 401, "errorDescription": description}
        )
    data = request.json
    if not data.get("message"):
        description = "Field validation for 'Message' failed on the 'required' tag"
        return Reply(
            400, {"error": "Bad Request", "errorCode": 400, "errorDescription": description}
        )
    return Reply(200, {"id": 1, "appid": 1, **data, "date": "2030-01-07T08:00:00Z"})


def pushover_api(monthly_limit: int = 10_000) -> Route:
    """/1/messages.json (a form): status 1; 4xx with ``errors``; 429 past the month's quota."""
    used = [0]

    def handle(request: Request) -> Reply:
        form = {k: v[-1] for k, v in parse_qs(request.body.decode()).items()}
        problem: dict[str, Any] = {}
        if form.get("token") != PUSHOVER_TOKEN:
            problem = {"token": "invalid", "errors": ["application token is invalid"]}
        elif form.get("user") != PUSHOVER_USER:
            problem = {"user": "invalid", "errors": ["user identifier is invalid"]}
        elif not form.get("message"):
            problem = {"message": "cannot be blank", "errors": ["message cannot be blank"]}
        elif len(form["message"]) > 1024 or len(form.get("title", "")) > 250:
            problem = {"errors": ["message cannot be more than 1024 characters"]}
        if problem:
            return Reply(400, {**problem, "status": 0, "request": "5042853c"})
        used[0] += 1
        if used[0] > monthly_limit:
            return Reply(
                429,
                {"errors": ["application is over its message quota"], "status": 0},
                {"X-Limit-App-Limit": str(monthly_limit), "X-Limit-App-Remaining": "0"},
            )
        return Reply(200, {"status": 1, "request": "647d2300-702c-4b38-8b2f-d56326ae460b"})

    return handle


@pytest.fixture
def fake() -> Iterator[FakeBotServer]:
    server = FakeBotServer()
    server.route("/robot/send", dingtalk_api())
    server.route("/cgi-bin/webhook/send", wecom_api)
    server.route("/open-apis/bot/v2/hook/", feishu_api())
    server.route("/services/", slack_api)
    server.route("/api/webhooks/", discord_api)
    server.route("/workflows/", teams_api)
    server.route("/bot", telegram_api)
    server.route("/ntfy", ntfy_api)
    server.route("/serverchan/", serverchan_api)
    server.route("/pushplus/send", pushplus_api())
    server.route("/bark/", bark_api)
    server.route("/gotify/", gotify_api)
    server.route("/1/messages.json", pushover_api())
    server.start()
    yield server
    server.stop()
