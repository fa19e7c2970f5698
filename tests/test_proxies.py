"""X-Forwarded-For counts only through a configured proxy (skm.proxies)."""

from __future__ import annotations

import pytest

from skm import proxies
from skm.errors import SkmError
from skm.proxies import client_address, parse_trusted_proxies

NONE = parse_trusted_proxies(None)
LOCAL = parse_trusted_proxies("127.0.0.1, ::1")
CHAIN = parse_trusted_proxies("127.0.0.1, 10.0.0.0/8")


def test_parsing_accepts_addresses_and_networks_and_refuses_garbage_in_indonesian():
    assert NONE == () and parse_trusted_proxies(" , ") == ()
    assert [str(n) for n in CHAIN] == ["127.0.0.1/32", "10.0.0.0/8"]
    assert str(parse_trusted_proxies("192.168.1.7/24")[0]) == "192.168.1.0/24"  # host bits allowed
    with pytest.raises(SkmError, match="SKM_TRUSTED_PROXIES berisi 'proxy.kantor'.*bukan alamat IP"):
        parse_trusted_proxies("127.0.0.1, proxy.kantor")


def test_without_trusted_proxies_the_header_never_counts():
    for connection in ("203.0.113.9", "10.1.2.3", None):
        for header in (None, "", "6.6.6.6", "6.6.6.6, 7.7.7.7"):
            assert client_address(header, connection, NONE) == connection


def test_a_client_connecting_directly_cannot_choose_its_address():
    # 203.0.113.9 is not our proxy: whatever it claims, it is 203.0.113.9.
    for spoof in ("1.1.1.1", "127.0.0.1", "1.1.1.1, 127.0.0.1", "10.0.0.5"):
        assert client_address(spoof, "203.0.113.9", CHAIN) == "203.0.113.9"


def test_through_our_proxy_the_hop_it_appended_counts():
    # Streamlit reports a loopback peer as None: a proxy on the same machine.
    assert client_address("198.51.100.7", None, LOCAL) == "198.51.100.7"
    assert client_address("198.51.100.7", "127.0.0.1", LOCAL) == "198.51.100.7"
    # What the client itself put in front is skipped: only the right-most untrusted hop counts.
    assert client_address("6.6.6.6, 5.5.5.5, 198.51.100.7", None, LOCAL) == "198.51.100.7"
    # No header from the proxy: the proxy's own address (none: local).
    assert client_address(None, None, LOCAL) is None
    assert client_address("", "127.0.0.1", LOCAL) == "127.0.0.1"


def test_walks_past_every_trusted_proxy_in_a_chain():
    # client → 10.0.0.9 (office proxy) → 127.0.0.1 (Caddy) → app
    assert client_address("6.6.6.6, 198.51.100.7, 10.0.0.9", None, CHAIN) == "198.51.100.7"
    assert client_address("198.51.100.7, 10.0.0.9", "10.0.0.8", CHAIN) == "198.51.100.7"
    # Every hop is ours: the left-most one is where it started.
    assert client_address("10.0.0.3, 10.0.0.9", None, CHAIN) == "10.0.0.3"


def test_ports_brackets_ipv6_and_ipv4_mapped_addresses():
    assert client_address("198.51.100.7:5100", None, LOCAL) == "198.51.100.7"
    assert client_address("[2001:db8::1]:443", None, LOCAL) == "2001:db8::1"
    assert client_address("2001:db8::1", "::1", LOCAL) == "2001:db8::1"
    assert client_address("198.51.100.7, ::ffff:127.0.0.1", None, LOCAL) == "198.51.100.7"
    assert client_address("bukan-alamat", None, LOCAL) == "bukan-alamat"  # not an address: untrusted, kept


def test_the_server_reads_its_proxies_once_from_the_environment(monkeypatch):
    proxies.trusted_proxies.cache_clear()
    monkeypatch.setenv("SKM_TRUSTED_PROXIES", "127.0.0.1")
    try:
        assert [str(n) for n in proxies.trusted_proxies()] == ["127.0.0.1/32"]
        monkeypatch.setenv("SKM_TRUSTED_PROXIES", "10.0.0.0/8")
        assert [str(n) for n in proxies.trusted_proxies()] == ["127.0.0.1/32"]  # parsed once
    finally:
        proxies.trusted_proxies.cache_clear()
