"""Editors embed videos only from the platforms whose players the public pages' CSP frames (one list in settings,
PACTE_EMBED_PROVIDERS); any other address is refused with a message naming them. Nothing here reaches the network."""

import socket

import pytest
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.finders import get_finders
from wagtail.embeds.models import Embed

from site_core.blocks import VideoBlock

YOUTUBE = "https://www.youtube.com/watch?v=pacte-demo"
VIMEO = "https://vimeo.com/76979871"
ELSEWHERE = ["https://soundcloud.com/metropole/atelier-du-12-mars", "https://www.flickr.com/photos/metropole/53012345"]
FRAME_HOSTS = [
    "https://www.youtube.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Embed finders fetch over HTTP: any attempt to reach a host fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def known_embed(url, provider_name):
    """Wagtail reads each embed from its Embed table before asking the platform: this video is already known, as
    after its first display, so validating it fetches nothing."""
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=f'<iframe src="{url}" title="Atelier du 12 mars"></iframe>',
        provider_name=provider_name,
    )


def video(url):
    block = VideoBlock()
    return block, block.to_python({"video": url, "title": "Atelier du 12 mars", "transcript": "<p>Bonjour.</p>"})


@pytest.mark.parametrize("url,provider", [(YOUTUBE, "YouTube"), (VIMEO, "Vimeo")])
def test_a_video_from_an_accepted_platform_validates(db, url, provider):
    known_embed(url, provider)
    block, value = video(url)
    assert block.clean(value)["video"].url == url


@pytest.mark.parametrize("url", ELSEWHERE)
def test_an_address_from_another_platform_is_refused_naming_the_accepted_ones(db, url):
    block, value = video(url)
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    message = " ".join(error.value.block_errors["video"].messages)
    assert message == (
        "Seules les vidéos de YouTube, Vimeo, Dailymotion peuvent être affichées sur le site : "
        "collez l'adresse de la page d'une vidéo."
    )
    assert not Embed.objects.exists()  # refused before anything was looked up


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "Only videos from YouTube, Vimeo, Dailymotion can be shown on the site"),
        ("nl", "Alleen video's van YouTube, Vimeo, Dailymotion kunnen op de site worden getoond"),
    ],
)
def test_the_refusal_is_translated(db, language, expected):
    block, value = video(ELSEWHERE[0])
    with translation.override(language), pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert expected in " ".join(error.value.block_errors["video"].messages)


def test_pages_let_frames_come_only_from_the_platforms_whose_videos_are_accepted(client, home_page):
    policy = client.get("/fr/")["Content-Security-Policy"]
    frame_src = next(part.split()[1:] for part in policy.split(";") if part.split()[:1] == ["frame-src"])
    assert frame_src == ["'self'", *FRAME_HOSTS]


def test_the_finder_accepts_each_platform_and_nothing_else():
    accepts = [any(finder.accept(url) for finder in get_finders()) for url in [YOUTUBE, VIMEO, *ELSEWHERE]]
    assert accepts == [True, True, False, False]
    assert any(finder.accept("https://www.dailymotion.com/video/x8pacte") for finder in get_finders())
