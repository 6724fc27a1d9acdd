"""The channel registry: every kind is one module that imports nothing back, describes its
form fields as data (secrets always hidden), and stored settings load as they did before
each kind became one module."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from types import MappingProxyType

import pytest

from pushgui.core.channels import kind as kind_module
from pushgui.core.channels.config import KINDS, config_from_settings, split_settings
from pushgui.core.channels.kind import ChannelKind, register
from pushgui.core.channels.urls import parse_webhook_url

CHANNELS = Path(kind_module.__file__).parent
#: Imported where they are used, on purpose: an optional extra (pip install
#: pushgui[apprise]), and the modules that load httpx or smtplib, at the first send rather
#: than while the window starts (test_the_catalogue_loads_no_network_library).
DEFERRED = {
    "apprise_channel.py": {"apprise"},
    "http.py": {"pushgui.core.channels.transport"},
    "email.py": {"pushgui.core.channels.smtp"},
}


def kind_modules() -> list[str]:
    return sorted(type(description).__module__.rsplit(".", 1)[-1] for description in KINDS.values())


def test_every_kind_module_imports_alone_and_never_the_catalogue():
    # Before, each sender imported config.py and config.py imported every sender.
    probe = (
        "import importlib, json, sys\n"
        f"for name in {kind_modules()!r}:\n"
        "    importlib.import_module('pushgui.core.channels.' + name)\n"
        "print(json.dumps('pushgui.core.channels.config' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) is False


def test_no_module_of_core_channels_imports_inside_a_function_to_dodge_a_cycle():
    found = []
    for path in sorted(CHANNELS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import):
                        names = {a.name for a in inner.names}
                    elif isinstance(inner, ast.ImportFrom):
                        names = {f"{inner.module}.{a.name}" for a in inner.names} | {
                            str(inner.module)
                        }
                    else:
                        continue
                    if not names & DEFERRED.get(path.name, set()):
                        found.append(f"{path.name}:{inner.lineno} {sorted(names)}")
    assert found == []


def test_the_catalogue_loads_no_network_library():
    # The window imports the catalogue while it starts; httpx (with ~100 modules) and
    # smtplib load at the first send or the idle warm-up.
    probe = (
        "import json, sys\n"
        "import pushgui.core.channels.config, pushgui.core.channels.urls\n"
        "import pushgui.core.channels.validation\n"
        "print(json.dumps(sorted(m for m in ('httpx', 'smtplib') if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_describes_its_fields_and_hides_its_secrets(kind):
    description = KINDS[kind]
    described = {f.name: f for f in description.fields()}
    config_fields = {f.name for f in fields(description.config)}
    assert set(described) == config_fields  # every setting has its editor
    for secret in description.config.SECRETS:
        assert described[secret].widget in ("secret", "multiline"), secret
    for field in described.values():
        assert field.label.endswith(":") and (field.widget != "choice" or field.choices)
    assert description.name() and description.variants[0].hint()


def test_the_registry_is_filled_at_import_and_cannot_be_rebound_or_doubled():
    assert isinstance(KINDS, MappingProxyType)
    with pytest.raises(TypeError):
        KINDS["email"] = KINDS["bark"]  # type: ignore[index]
    with pytest.raises(ValueError, match="registered twice"):
        register(type(KINDS["bark"])())
    assert isinstance(KINDS["bark"], ChannelKind)


# What the code before this change stored for a channel of each kind: the settings kept in
# the database (and in export bundles) and the secrets kept in the keyring.
STORED = {
    "email": (
        {
            "ca_file": "",
            "host": "smtp.qq.com",
            "port": 465,
            "security": "ssl",
            "sender_address": "a@qq.com",
            "sender_name": "Office",
            "timeout": 20.0,
            "username": "a@qq.com",
        },
        {"password": "pw"},
    ),
    "dingtalk": (
        {"api_url": "https://proxy.example/robot/send", "msgtype": "markdown"},
        {"access_token": "tok", "secret": "SECx"},
    ),
    "wecom": (
        {"api_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", "msgtype": "markdown"},
        {"key": "k"},
    ),
    "feishu": ({"api_url": "", "region": "lark"}, {"secret": "s", "token": "t"}),
    "slack": ({}, {"webhook_url": "https://hooks.slack.com/services/T/B/X"}),
    "discord": ({"username": "bot"}, {"webhook_url": "https://discord.com/api/webhooks/1/t"}),
    "teams": ({}, {"webhook_url": "https://x.logic.azure.com/workflows/1"}),
    "telegram": (
        {"api_url": "https://api.telegram.org", "chat_id": "@c"},
        {"bot_token": "1:A"},
    ),
    "ntfy": ({"priority": 4, "server": "https://ntfy.sh", "topic": "t"}, {"token": "tk"}),
    "webhook": (
        {"body_template": ' {"t": "${title}"}\n', "content_type": "text/plain", "method": "PUT"},
        {"headers": "A: b\n", "url": "https://e.x/h"},
    ),
    "apprise": ({}, {"url": "tgram://a/b"}),
}


@pytest.mark.parametrize("kind", sorted(STORED))
def test_settings_stored_before_load_and_store_unchanged(kind):
    public, secrets = STORED[kind]
    config = config_from_settings(kind, {**public, **secrets})
    assert split_settings(config) == (public, secrets)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://open.feishu.cn/open-apis/bot/v2/hook/abc", "feishu"),
        ("https://feishu.cn/open-apis/bot/v2/hook/abc", "feishu"),
        # Only the service's own domain and its subdomains: a look-alike is a plain webhook.
        ("https://evilfeishu.cn/open-apis/bot/v2/hook/abc", "webhook"),
        ("https://1234.push.ft07.com/send/sctp1234tKEY.send", "serverchan"),
        ("https://push.ft07.com.example.org/send/sctp1234tKEY.send", "webhook"),
    ],
)
def test_a_pasted_address_belongs_to_a_service_only_on_its_own_hosts(url, kind):
    assert parse_webhook_url(url)[0] == kind
