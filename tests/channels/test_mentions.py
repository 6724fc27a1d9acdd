"""@mentions per service against the fake bot APIs: the payload is the form each service
documents (docs/MENTIONS.md), the fake reads who would be pinged the way the service does,
malformed mention parts are refused as the service refuses them, and hostile contact data
(an ID holding ``>`` or ``<at``, markdown specials in a name) neither breaks the message nor
pings anybody else."""

from __future__ import annotations

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import (
    DingTalkConfig,
    DiscordConfig,
    FeishuConfig,
    SlackConfig,
    TelegramConfig,
    WeComConfig,
    build_sender,
)
from pushgui.core.channels.mention import Mentioned, Mentions
from tests.servers import (
    DINGTALK_SECRET,
    DINGTALK_TOKEN,
    FEISHU_SECRET,
    FEISHU_TOKEN,
    TELEGRAM_TOKEN,
    WECOM_KEY,
    pings,
)

ALICE = "Alice *bold* _x_ <b>"  # markdown and HTML specials in a name


def send(sender, mentions: Mentions, body: str = "stand-up at 10") -> None:
    message = Outgoing(1, "Daily", "room", "Stand-up", body, mentions=mentions)
    [outcome] = sender.send([message])
    assert outcome.ok, outcome.error


def senders(fake) -> dict[str, object]:
    return {
        "dingtalk": lambda msgtype="text": build_sender(
            DingTalkConfig(
                access_token=DINGTALK_TOKEN,
                secret=DINGTALK_SECRET,
                msgtype=msgtype,
                api_url=fake.url + "/robot/send",
            )
        ),
        "wecom": lambda msgtype="text": build_sender(
            WeComConfig(key=WECOM_KEY, msgtype=msgtype, api_url=fake.url + "/cgi-bin/webhook/send")
        ),
        "feishu": lambda msgtype="text": build_sender(
            FeishuConfig(
                token=FEISHU_TOKEN,
                secret=FEISHU_SECRET,
                api_url=fake.url + "/open-apis/bot/v2/hook/",
            )
        ),
        "slack": lambda msgtype="text": build_sender(
            SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX")
        ),
        "discord": lambda msgtype="text": build_sender(
            DiscordConfig(webhook_url=fake.url + "/api/webhooks/123/tok")
        ),
        "telegram": lambda msgtype="text": build_sender(
            TelegramConfig(bot_token=TELEGRAM_TOKEN, chat_id="-1001234", api_url=fake.url)
        ),
    }


def test_dingtalk_mentions_by_mobile_and_user_id_with_the_at_text_in_the_content(fake):
    for msgtype, key in (("text", "content"), ("markdown", "text")):
        fake.requests.clear()
        mentions = Mentions(
            (Mentioned(ALICE, "alice01", "13800138000"), Mentioned("Bob", "bob-02")), True
        )
        send(senders(fake)["dingtalk"](msgtype), mentions)
        data = fake.requests[0].json
        assert data["at"] == {
            "isAtAll": True,
            "atMobiles": ["13800138000"],
            "atUserIds": ["bob-02"],
        }
        assert "@13800138000" in data[msgtype][key] and "@bob-02" in data[msgtype][key]
        assert pings("dingtalk", data) == {"13800138000", "bob-02", "everyone"}


def test_wecom_text_lists_and_markdown_userid_tags(fake):
    mentions = Mentions((Mentioned("Alice", "alice.w"), Mentioned("Bob", "", "13900139000")), True)
    send(senders(fake)["wecom"]("text"), mentions)
    text = fake.requests[0].json["text"]
    assert text["mentioned_list"] == ["alice.w", "@all"]
    assert text["mentioned_mobile_list"] == ["13900139000"]
    assert pings("wecom", fake.requests[0].json) == {"alice.w", "13900139000", "everyone"}

    send(senders(fake)["wecom"]("markdown"), mentions)
    markdown = fake.requests[1].json
    assert "mentioned_list" not in markdown["markdown"]  # markdown has no lists: tags only
    assert markdown["markdown"]["content"].startswith("<@alice.w>\n")
    assert pings("wecom", markdown) == {"alice.w"}  # mobile and @all: warned in the editor


def test_feishu_text_at_tags_with_the_name_escaped(fake):
    hostile = 'Eve</at><at user_id="all">'
    mentions = Mentions(
        (Mentioned(hostile, "ou_7d8a6e6df7621556ce0d21922b676706"), Mentioned("Bob", "b0b123")),
        False,
    )
    send(senders(fake)["feishu"](), mentions)
    data = fake.requests[0].json
    text = data["content"]["text"]
    assert text.startswith(
        '<at user_id="ou_7d8a6e6df7621556ce0d21922b676706">Eve&lt;/at&gt;&lt;at user_id=&quot;'
        'all&quot;&gt;</at> <at user_id="b0b123">Bob</at> '
    )
    assert pings("feishu", data) == {"ou_7d8a6e6df7621556ce0d21922b676706", "b0b123"}


def test_feishu_post_gets_at_elements():
    from pushgui.core.channels.feishu import with_mentions

    post = {
        "msg_type": "post",
        "content": {"post": {"zh_cn": {"title": "T", "content": [[{"tag": "text", "text": "x"}]]}}},
    }
    out = with_mentions(post, Mentions((Mentioned("A", "ou_12345678abcdef"),), True))
    lines = out["content"]["post"]["zh_cn"]["content"]
    assert lines[0] == [
        {"tag": "at", "user_id": "ou_12345678abcdef"},
        {"tag": "at", "user_id": "all"},
    ]
    assert pings("feishu", out) == {"ou_12345678abcdef", "everyone"}


def test_slack_member_ids_and_channel(fake):
    send(senders(fake)["slack"](), Mentions((Mentioned(ALICE, "U024BE7LH"),), True))
    data = fake.requests[0].json
    assert data["text"].startswith("<@U024BE7LH> <!channel> ")
    assert pings("slack", data) == {"U024BE7LH", "everyone"}


def test_discord_allowed_mentions_name_exactly_the_chosen_users(fake):
    body = "ping <@222222222222222222> and @everyone from the text"
    send(
        senders(fake)["discord"](),
        Mentions((Mentioned("A", "111111111111111111"),), False),
        body=body,
    )
    data = fake.requests[0].json
    assert data["content"].startswith("<@111111111111111111>\n")
    assert data["allowed_mentions"] == {"parse": [], "users": ["111111111111111111"]}
    # The user's own text mentions someone else and @everyone: neither pings.
    assert pings("discord", data) == {"111111111111111111"}

    send(senders(fake)["discord"](), Mentions((), True))
    data = fake.requests[1].json
    assert data["allowed_mentions"] == {"parse": ["everyone"]}
    assert pings("discord", data) == {"everyone"}


def test_discord_fake_refuses_users_both_parsed_and_listed(fake):
    import httpx

    answer = httpx.post(
        fake.url + "/api/webhooks/123/tok",
        json={
            "content": "<@111111111111111111>",
            "allowed_mentions": {"parse": ["users"], "users": ["111111111111111111"]},
        },
    )
    assert answer.status_code == 400 and answer.json()["code"] == 50035


def test_telegram_usernames_before_the_text(fake):
    send(senders(fake)["telegram"](), Mentions((Mentioned("A", "alice_w"),), True))
    data = fake.requests[0].json
    assert data["text"].startswith("@alice_w\n")
    assert pings("telegram", data) == {"alice_w"}  # no @everyone for bots


HOSTILE_IDS = {
    "dingtalk": ["1380013800>", "x<at", "@all"],
    "wecom": ["@all", "a>b", "<@x>"],
    "feishu": ['ou_x"><at user_id="all', "all", "a b"],
    "slack": ["U123>|<!channel", "u024be7lh", "<!here>"],
    "discord": ["1>", "everyone", "12345"],
    "telegram": ["al", "a>b_cdef", "@everyone x"],
}


@pytest.mark.parametrize("service", sorted(HOSTILE_IDS))
def test_hostile_ids_never_reach_the_message_nor_ping(fake, service):
    people = tuple(Mentioned("Mallory", v, v) for v in HOSTILE_IDS[service])
    send(senders(fake)[service](), Mentions(people, False), body="plain body")
    data = fake.requests[0].json
    assert pings(service, data) == set()
    wire = fake.requests[0].body.decode()
    for value in HOSTILE_IDS[service]:
        assert value not in wire and value.replace('"', '\\"') not in wire


def test_telegram_escapes_the_underscore_for_markdown_v2():
    from pushgui.core.channels.telegram import with_mentions

    out = with_mentions(
        {"chat_id": "1", "text": "x", "parse_mode": "MarkdownV2"},
        Mentions((Mentioned("A", "alice_w"),)),
    )
    assert out["text"] == "@alice\\_w\nx"


def test_a_bad_preferred_id_falls_back_to_the_other_one():
    from pushgui.core.channels import dingtalk, wecom

    people = Mentions(
        (Mentioned("A", "alice01", "not a mobile"), Mentioned("B", "@all", "13900139000"))
    )
    ding = dingtalk.with_mentions({"msgtype": "text", "text": {"content": "x"}}, people)
    # A's mobile is no mobile: A is pinged by userId; B's userId "@all" is refused.
    assert ding["at"] == {
        "isAtAll": False,
        "atMobiles": ["13900139000"],
        "atUserIds": ["alice01"],
    }
    wc = wecom.with_mentions({"msgtype": "text", "text": {"content": "x"}}, people)
    assert wc["text"]["mentioned_list"] == ["alice01"]
    assert wc["text"]["mentioned_mobile_list"] == ["13900139000"]
    # A format pushgui does not @ in (a card) is left as it is.
    card = {"msg_type": "interactive", "card": {}}
    from pushgui.core.channels import feishu

    assert feishu.with_mentions(card, people) is card


def test_the_fakes_refuse_malformed_mention_parts_as_the_services_do():
    import json

    from tests.servers import (
        DINGTALK_TOKEN,
        FEISHU_TOKEN,
        WECOM_KEY,
        Request,
        dingtalk_api,
        feishu_api,
        wecom_api,
    )

    def request(path, data, **query):
        body = json.dumps(data).encode()
        return Request("POST", path, {k: [v] for k, v in query.items()}, "", {}, body)

    good_text = {"msgtype": "text", "text": {"content": "x"}}
    ding = dingtalk_api(secret=None)
    assert ding(request("/robot/send", good_text, access_token=DINGTALK_TOKEN)).body["errcode"] == 0
    bad_at = {**good_text, "at": {"atMobiles": "13800138000", "isAtAll": "yes"}}
    assert (
        ding(request("/robot/send", bad_at, access_token=DINGTALK_TOKEN)).body["errcode"] == 40035
    )

    bad_list = {"msgtype": "text", "text": {"content": "x", "mentioned_list": "alice"}}
    assert (
        wecom_api(request("/cgi-bin/webhook/send", bad_list, key=WECOM_KEY)).body["errcode"]
        == 40058
    )

    hook = "/open-apis/bot/v2/hook/" + FEISHU_TOKEN
    bad_at_element = {
        "msg_type": "post",
        "content": {"post": {"zh_cn": {"content": [[{"tag": "at", "user_id": 7}]]}}},
    }
    assert feishu_api(secret=None)(request(hook, bad_at_element)).body["code"] == 9499


@pytest.mark.parametrize(("service", "field"), [("discord", "content"), ("telegram", "text")])
def test_mentions_that_no_longer_fit_go_first_on_their_own_and_nothing_is_cut(fake, service, field):
    from pushgui.core.messages.limits import limit_for, measure
    from pushgui.core.messages.service_text import for_service

    limit = limit_for(service)
    assert limit is not None
    # The longest body that still goes as one full part.
    body = "x" * limit.size
    while len(for_service(service, "Stand-up", body).parts) > 1:
        body = body[:-1]
    [part] = for_service(service, "Stand-up", body).parts
    mentions = Mentions(
        (Mentioned("A", "111111111111111111" if service == "discord" else "alice_w"),), False
    )
    send(senders(fake)[service](), mentions, body=body)
    first, second = (r.json for r in fake.requests)
    assert first[field] in ("<@111111111111111111>", "@alice_w")  # pings, alone
    assert pings(service, first) == (
        {"111111111111111111"} if service == "discord" else {"alice_w"}
    )
    assert second[field] == part  # the message itself, whole
    assert all(measure(r.json[field], limit.unit) <= limit.size for r in fake.requests)


def test_wecom_markdown_tags_that_no_longer_fit_go_first_on_their_own(fake):
    from pushgui.core.messages.limits import limit_for, measure
    from pushgui.core.messages.service_text import for_service

    limit = limit_for("wecom", "markdown.content")
    assert limit is not None
    settings = {"msgtype": "markdown"}
    body = "x" * limit.size
    while not for_service("wecom", "Stand-up", body, "plain", settings).fits:
        body = body[:-1]
    text = for_service("wecom", "Stand-up", body, "plain", settings).text
    send(senders(fake)["wecom"]("markdown"), Mentions((Mentioned("A", "zhangsan"),), False), body)
    first, second = (r.json for r in fake.requests)
    assert first["markdown"]["content"] == "<@zhangsan>"
    assert second["markdown"]["content"] == text  # the message itself, whole
    assert all(
        measure(r.json["markdown"]["content"], limit.unit) <= limit.size for r in fake.requests
    )
