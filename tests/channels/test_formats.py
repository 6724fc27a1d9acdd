"""Formatted and plain messages through each chat sender to its fake API: the fake checks
the format as the service documents it and refuses what the service would (over-length
content with the service's own error); hostile user text stays text on every service
(Markdown and HTML specials, Slack's <!channel>, Feishu's <at> lookalikes). See
docs/INPUTS.md, "Message formats and length limits"."""

from __future__ import annotations

import httpx
import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import (
    DingTalkConfig,
    DiscordConfig,
    FeishuConfig,
    NtfyConfig,
    SlackConfig,
    TelegramConfig,
    WeComConfig,
    build_sender,
)
from pushgui.core.messages.formats import ZERO_WIDTH
from pushgui.core.messages.rich import escape_source
from tests.servers import (
    DINGTALK_TOKEN,
    FEISHU_SECRET,
    FEISHU_TOKEN,
    NTFY_TOKEN,
    PASSWORD,
    TELEGRAM_TOKEN,
    USER,
    WECOM_KEY,
    dingtalk_api,
    feishu_api,
)
from tests.service_formats import (
    TelegramHtml,
    feishu_post_text,
    markdown_reading,
    slack_reading,
    utf16_length,
)

FORMATTED = "Stand-up at **10:00** in [the board](https://example.com/b?x=1&y=2)\n- Ann\n- 张伟"
# What a user may type that a careless sender turns into markup, links or pings.
HOSTILE = (
    "<b>x</b> & &amp; *not bold* __u__ `code` [fake](https://evil.example) "
    '<at user_id="all">all</at> <@U123> <!channel> @everyone # not a heading \\ | ~s~'
)


def typed(text_format: str) -> str:
    """The hostile text as it reaches a sender: in a formatted message it came through a
    placeholder, which is filled in escaped (core/messages/recipients.py)."""
    return escape_source(HOSTILE) if text_format == "markdown" else HOSTILE


def out(body: str, text_format: str = "markdown", title: str = "Daily") -> Outgoing:
    return Outgoing(1, "Daily", "room", title, body, text_format=text_format)  # type: ignore[arg-type]


def senders(fake, kind: str):
    configs = {
        "dingtalk": DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret="", api_url=fake.url + "/robot/send"
        ),
        "wecom": WeComConfig(key=WECOM_KEY, api_url=fake.url + "/cgi-bin/webhook/send"),
        "feishu": FeishuConfig(
            token=FEISHU_TOKEN, secret="", api_url=fake.url + "/open-apis/bot/v2/hook/"
        ),
        "slack": SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"),
        "discord": DiscordConfig(webhook_url=fake.url + "/api/webhooks/123/tok"),
        "telegram": TelegramConfig(bot_token=TELEGRAM_TOKEN, chat_id="-100", api_url=fake.url),
        "ntfy": NtfyConfig(server=fake.url + "/ntfy", topic="team", token=NTFY_TOKEN),
    }
    return build_sender(configs[kind])


@pytest.fixture
def unsigned(fake):
    fake.route("/robot/send", dingtalk_api(secret=None))
    fake.route("/open-apis/bot/v2/hook/", feishu_api(secret=None))
    return fake


def sent(fake, kind: str, message: Outgoing):
    [outcome] = senders(fake, kind).send([message])
    assert outcome.ok, outcome.error
    return fake.requests[-1].json


# --- formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("dingtalk", ("markdown", "text")),
        ("wecom", ("markdown", "content")),
        ("discord", ("content",)),
        ("ntfy", ("message",)),
    ],
)
def test_markdown_services_get_bold_links_and_lists(unsigned, kind, path):
    payload = sent(unsigned, kind, out(FORMATTED))
    text = payload
    for key in path:
        text = text[key]
    words, elements = markdown_reading(text)
    assert "strong" in elements
    if kind == "wecom":  # WeCom's Markdown has no lists: "• " lines
        assert "• Ann\n• 张伟" in words
    else:
        assert "bullet_list" in elements
    assert "href=https://example.com/b?x=1&y=2" in elements
    assert "10:00" in words and "the board" in words and "张伟" in words
    if kind == "dingtalk":
        assert payload["msgtype"] == "markdown" and payload["markdown"]["title"] == "Daily"
    if kind == "ntfy":
        assert payload["markdown"] is True and payload["title"] == "Daily"


def test_slack_gets_mrkdwn_bold_and_a_link_token(fake):
    text = sent(fake, "slack", out(FORMATTED))["text"]
    shown, tokens = slack_reading(text)
    assert text.startswith("*Daily*\n") and "*10:00*" in text
    assert tokens == ["https://example.com/b?x=1&y=2|the board"]
    assert "• Ann\n• 张伟" in shown


def test_telegram_gets_html_with_bold_link_and_bullets(fake):
    payload = sent(fake, "telegram", out(FORMATTED))
    reading = TelegramHtml.read(payload["text"])
    assert payload["parse_mode"] == "HTML" and not reading.error
    assert ("b", "") in reading.entities
    assert ("a", "https://example.com/b?x=1&y=2") in reading.entities
    assert reading.visible == "Daily\n\nStand-up at 10:00 in the board\n\n• Ann\n• 张伟"


def test_feishu_gets_a_post_with_bold_style_and_an_a_tag(unsigned):
    payload = sent(unsigned, "feishu", out(FORMATTED))
    assert payload["msg_type"] == "post"
    post = payload["content"]["post"]["zh_cn"]
    assert post["title"] == "Daily"
    first = post["content"][0]
    assert {"tag": "text", "text": "10:00", "style": ["bold"]} in first
    assert {"tag": "a", "text": "the board", "href": "https://example.com/b?x=1&y=2"} in first
    shown, _tags = feishu_post_text(payload["content"])
    assert shown.endswith("• Ann\n• 张伟")


def test_email_gets_html_and_a_plain_part(smtp_plain):
    from pushgui.core.channels.config import EmailConfig

    config = EmailConfig(
        host="127.0.0.1",
        port=smtp_plain.port,
        security="none",
        username=USER,
        password=PASSWORD,
        sender_address="me@example.com",
    )
    message = Outgoing(1, "Daily", "Ann", "Daily", FORMATTED + "\n\n" + HOSTILE, "ann@example.com")
    message = Outgoing(**{**message.__dict__, "text_format": "markdown"})
    [outcome] = build_sender(config).send([message])
    assert outcome.ok, outcome.error
    mail = smtp_plain.inbox.received[-1].message
    plain = mail.get_body(("plain",)).get_content()
    page = mail.get_body(("html",)).get_content()
    assert "the board (https://example.com/b?x=1&y=2)" in plain and "• Ann" in plain
    assert '<a href="https://example.com/b?x=1&amp;y=2">the board</a>' in page
    assert "<strong>10:00</strong>" in page and "<li>张伟</li>" in page
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &amp;amp;" in page and "<b>" not in page


# --- escaping -----------------------------------------------------------------------------


@pytest.mark.parametrize("text_format", ["plain", "markdown"])
@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("dingtalk", ("markdown", "text")),
        ("wecom", ("markdown", "content")),
        ("discord", ("content",)),
        ("ntfy", ("message",)),
    ],
)
def test_hostile_text_stays_text_on_markdown_services(unsigned, kind, path, text_format):
    body = "**Hi** " + typed("markdown") if text_format == "markdown" else HOSTILE
    payload = sent(unsigned, kind, out(body, text_format, "T <b>*"))
    if text_format == "plain" and kind in ("dingtalk", "wecom", "ntfy"):
        # Their plain text type shows text as it is: nothing to escape, nothing read as markup.
        assert payload.get("msgtype", "text") == "text" and "markdown" not in payload
        assert HOSTILE in str(payload.get("text", {}).get("content") or payload.get("message"))
        return
    text = payload
    for key in path:
        text = text[key]
    words, elements = markdown_reading(text)
    assert ("Hi " if text_format == "markdown" else "") + HOSTILE in words
    assert kind == "ntfy" or "T <b>*" in words  # the title, also escaped (ntfy: its own field)
    ours = {"strong", "heading"} if kind in ("dingtalk", "wecom") else {"strong"}
    assert set(elements) <= ours, elements
    if kind == "discord":
        assert payload["allowed_mentions"] == {"parse": []}


def test_hostile_text_stays_text_on_dingtalk_and_wecom_markdown_channels(unsigned):
    for kind, config in (
        (
            "dingtalk",
            DingTalkConfig(
                access_token=DINGTALK_TOKEN,
                secret="",
                msgtype="markdown",
                api_url=unsigned.url + "/robot/send",
            ),
        ),
        (
            "wecom",
            WeComConfig(
                key=WECOM_KEY, msgtype="markdown", api_url=unsigned.url + "/cgi-bin/webhook/send"
            ),
        ),
    ):
        [outcome] = build_sender(config).send([out(HOSTILE, "plain", "T")])
        assert outcome.ok, outcome.error
        body = unsigned.requests[-1].json["markdown"]
        words, elements = markdown_reading(body.get("text") or body.get("content"))
        assert HOSTILE in words, kind
        assert not {"html_inline", "link", "em", "strong", "code_inline"} & set(elements), kind


@pytest.mark.parametrize("text_format", ["plain", "markdown"])
def test_hostile_text_cannot_ping_or_link_on_slack(fake, text_format):
    text = sent(fake, "slack", out(typed(text_format), text_format, "<!here>"))["text"]
    shown, tokens = slack_reading(text)
    assert tokens == []  # no <!channel>, <@U123> or <url|…> that Slack would act on
    assert shown == "*<!here>*\n" + HOSTILE


@pytest.mark.parametrize("text_format", ["plain", "markdown"])
def test_hostile_text_is_shown_as_typed_on_telegram(fake, text_format):
    payload = sent(fake, "telegram", out(typed(text_format), text_format, "<i>T</i>"))
    answer = fake.requests[-1]
    assert answer.json == payload
    if text_format == "markdown":
        reading = TelegramHtml.read(payload["text"])
        assert not reading.error
        assert reading.entities == [("b", "")]  # the title only
        assert reading.visible == "<i>T</i>\n\n" + HOSTILE
    else:
        assert "parse_mode" not in payload and payload["text"] == "<i>T</i>\n\n" + HOSTILE


@pytest.mark.parametrize("text_format", ["plain", "markdown"])
def test_at_lookalikes_never_become_feishu_mentions(unsigned, text_format):
    payload = sent(
        unsigned, "feishu", out(typed(text_format), text_format, '<at user_id="all"></at>')
    )
    if text_format == "markdown":
        shown, tags = feishu_post_text(payload["content"])
        title = payload["content"]["post"]["zh_cn"]["title"]
        assert "at" not in tags
    else:
        shown, title = payload["content"]["text"], ""
    for text in (shown, title):
        assert "<at" not in text
    assert shown.replace(ZERO_WIDTH, "").endswith(HOSTILE)


# --- length -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "body", "said"),
    [
        ("dingtalk", "长" * 6700, "bytes on DingTalk, which takes at most 20,000"),
        ("wecom", "长" * 1400, "bytes on WeCom, which takes at most 4,096"),
        ("feishu", "长" * 7000, "on Feishu, which takes at most 20,480"),
        ("slack", "x" * 40_001, "on Slack, which takes at most 40,000"),
        ("ntfy", "é" * 2049, "4,098 bytes on ntfy, which takes at most 4,096"),
    ],
)
def test_over_length_is_refused_with_the_reason_and_the_fake_refuses_it_too(
    unsigned, kind, body, said
):
    [outcome] = senders(unsigned, kind).send([out(body)])
    assert not outcome.ok and outcome.permanent
    assert said in outcome.error
    assert unsigned.requests == []  # refused before sending, never cut


@pytest.mark.parametrize(
    ("path", "payload", "answer"),
    [
        (
            f"/robot/send?access_token={DINGTALK_TOKEN}",
            {"msgtype": "text", "text": {"content": "长" * 6700}},
            460101,
        ),
        (
            f"/cgi-bin/webhook/send?key={WECOM_KEY}",
            {"msgtype": "markdown", "markdown": {"content": "x" * 4097}},
            40058,
        ),
        (
            f"/cgi-bin/webhook/send?key={WECOM_KEY}",
            {"msgtype": "text", "text": {"content": "x" * 2049}},
            40058,
        ),
    ],
)
def test_the_fakes_answer_over_length_with_the_services_error_code(unsigned, path, payload, answer):
    reply = httpx.post(unsigned.url + path, json=payload).json()
    assert reply["errcode"] == answer


def test_the_chat_fakes_refuse_over_length_as_the_services_do(fake):
    discord = httpx.post(fake.url + "/api/webhooks/123/tok", json={"content": "x" * 2001})
    telegram = httpx.post(
        f"{fake.url}/bot{TELEGRAM_TOKEN}/sendMessage", json={"chat_id": 1, "text": "😀" * 2049}
    )
    slack = httpx.post(fake.url + "/services/T000/B000/XXXX", json={"text": "x" * 40_001})
    assert discord.status_code == 400 and discord.json()["code"] == 50035
    assert telegram.json()["description"] == "Bad Request: message is too long"
    assert (slack.status_code, slack.text) == (400, "msg_too_long")


def test_long_telegram_message_goes_in_ordered_parts_never_splitting_an_element(fake):
    words = [f"**w{n}** [l{n}](https://example.com/{n}) 😀" for n in range(400)]
    body = "\n\n".join(" ".join(words[i : i + 10]) for i in range(0, 400, 10))
    [outcome] = senders(fake, "telegram").send([out(body)])
    assert outcome.ok, outcome.error
    parts = [TelegramHtml.read(r.json["text"]) for r in fake.requests]
    assert len(parts) >= 2
    assert all(not p.error and utf16_length(p.visible) <= 4096 for p in parts)
    seen = " ".join(p.visible for p in parts).replace("\n", " ").split()
    assert [w for w in seen if w.startswith("w")] == [f"w{n}" for n in range(400)]


def test_long_discord_message_goes_in_parts_cut_between_words_not_inside_a_character(fake):
    body = ("长文 " * 1500) + "**end**"
    [outcome] = senders(fake, "discord").send([out(body)])
    assert outcome.ok, outcome.error
    contents = [r.json["content"] for r in fake.requests]
    assert len(contents) == 3 and all(len(c) <= 2000 for c in contents)
    assert contents[0].startswith("**Daily**") and contents[-1].endswith("**end**")
    joined = " ".join(contents).replace("**Daily**\n", "").replace("**end**", "")
    assert joined.split() == ["长文"] * 1500


def test_one_word_longer_than_a_discord_part_is_cut_between_characters(fake):
    [outcome] = senders(fake, "discord").send([out("😀" * 4500, "plain")])
    assert outcome.ok, outcome.error
    contents = [r.json["content"] for r in fake.requests]
    assert all(len(c) <= 2000 for c in contents)
    assert "".join(contents).replace("**Daily**", "").replace("\n", "") == "😀" * 4500


@pytest.mark.parametrize(
    ("kind", "unit", "limit"),
    [
        ("feishu", "长", 20 * 1024),
        ("teams", "长", 28 * 1024),
        ("dingtalk", "长", 20_000),
        ("wecom", "x", 2048),
        ("slack", "é", 40_000),
        ("ntfy", "é", 4096),
    ],
)
@pytest.mark.parametrize("text_format", ["plain", "markdown"])
def test_what_the_check_accepts_the_service_accepts_right_up_to_the_limit(
    fake, kind, unit, limit, text_format
):
    """At each limit, in the service's unit: the longest message the check lets through is
    taken by the fake, and one character more is refused before anything is sent."""
    from pushgui.core.channels.config import TeamsConfig
    from pushgui.core.messages.service_text import as_sent_to, for_service

    fake.route("/robot/send", dingtalk_api(secret=None))
    if kind == "feishu":  # signed, as most Feishu bots are: the signature counts too
        hook = fake.url + "/open-apis/bot/v2/hook/"
        config = FeishuConfig(token=FEISHU_TOKEN, secret=FEISHU_SECRET, api_url=hook)
        sender = build_sender(config)
    elif kind == "teams":
        sender = build_sender(TeamsConfig(webhook_url=fake.url + "/workflows/x"))
    else:
        sender = senders(fake, kind)

    def message(size):
        body, fmt = as_sent_to(kind, unit * size, text_format)  # as the engine hands it over
        return body, fmt

    def fits(size):
        return for_service(kind, "Daily", *message(size)).fits

    low, high = 1, 4 * limit  # fits(low), not fits(high); WeCom's Markdown takes 4,096
    assert fits(low) and not fits(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    for size in range(low - 2, low + 3):
        before = len(fake.requests)
        [outcome] = sender.send([out(*message(size))])
        assert outcome.ok == (size <= low), (size, outcome.error)
        assert len(fake.requests) == before + (1 if size <= low else 0)


def test_a_long_list_is_split_between_items_and_words_never_inside_bold_text(fake):
    items = "\n".join(f"- **task {n}\nline two** then words {n}" for n in range(120))
    [outcome] = senders(fake, "discord").send([out(items)])
    assert outcome.ok, outcome.error
    contents = [r.json["content"] for r in fake.requests]
    assert len(contents) >= 2 and all(len(c) <= 2000 for c in contents)
    for content in contents:
        words, elements = markdown_reading(content)
        # Every part reads as whole bold texts: as many opened as there are tasks in it.
        title = 1 if content.startswith("**Daily**") else 0
        assert elements.count("strong") == content.count("**task") + title
        assert words.count("task ") == content.count("**task")
    assert "".join(contents).count("**task") == 120
