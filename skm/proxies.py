"""Which address a request really came from, trusting X-Forwarded-For only from configured proxies.

    trusted = parse_trusted_proxies("127.0.0.1, 10.0.0.0/8")     # SKM_TRUSTED_PROXIES
    client_address("198.51.100.7, 203.0.113.9", None, trusted)    # '203.0.113.9'

Anyone can send an X-Forwarded-For header; only a proxy we run appends a hop we can believe. So
the header counts only when the connection itself comes from a trusted proxy, and then it is read
from the right (each proxy appends the address it saw) past our own proxies to the first hop
that is not one of them: the address that connected to our outermost proxy.

What Streamlit 1.67 does with the header (read in its source, `streamlit/web/server/starlette/`
and `runtime/context.py`): it serves through uvicorn, whose ProxyHeadersMiddleware is on by default
and trusts X-Forwarded-For from the addresses in `FORWARDED_ALLOW_IPS` (default `127.0.0.1,::1`),
replacing the connection's address by the first untrusted hop from the right. So behind a proxy on
the same machine `st.context.ip_address` already is the client's address (and the raw header is
still in `st.context.headers`); for a direct connection from elsewhere the header is ignored. And
`st.context.ip_address` is None for a loopback peer (127.0.0.1, ::1), which is why a missing
connection address is taken as loopback here. The rule below gives the same answer whether or
not uvicorn has already applied it, and it does not depend on uvicorn's default: the systemd unit
sets FORWARDED_ALLOW_IPS to the same proxies.
"""

from __future__ import annotations

import functools
import ipaddress
import os

from skm.errors import SkmError

TRUSTED_PROXIES_ENV = "SKM_TRUSTED_PROXIES"
LOOPBACK = "127.0.0.1"  # what a connection address of None means (Streamlit hides loopback peers)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_trusted_proxies(text: str | None) -> tuple[Network, ...]:
    """'127.0.0.1, 10.0.0.0/8' → the networks; empty or None → none trusted.

    >>> parse_trusted_proxies(" 127.0.0.1 ,::1")
    (IPv4Network('127.0.0.1/32'), IPv6Network('::1/128'))
    """
    networks = []
    for entry in (text or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise SkmError(
                f"{TRUSTED_PROXIES_ENV} berisi '{entry[:60]}', yang bukan alamat IP atau jaringan CIDR "
                "(contoh: 127.0.0.1 atau 10.0.0.0/8)."
            ) from None
    return tuple(networks)


@functools.cache
def trusted_proxies() -> tuple[Network, ...]:
    """The proxies configured for this server process (`SKM_TRUSTED_PROXIES`), parsed once."""
    return parse_trusted_proxies(os.environ.get(TRUSTED_PROXIES_ENV))


def _address(hop: str) -> Address | None:
    """An X-Forwarded-For entry as an address: '203.0.113.9', '203.0.113.9:5100', '[2001:db8::1]:80'."""
    text = hop.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(hop: str, trusted: tuple[Network, ...]) -> bool:
    address = _address(hop)
    return address is not None and any(address in net for net in trusted)


def client_address(forwarded_for: str | None, connection: str | None, trusted: tuple[Network, ...]) -> str | None:
    """The client's address: the connection's own, unless that is a trusted proxy; then the
    first X-Forwarded-For hop from the right that is not a trusted proxy (the leftmost one if all
    are). None only when the connection address is unknown and nothing better is trusted.

    >>> proxy = parse_trusted_proxies("127.0.0.1")
    >>> client_address("1.1.1.1", "203.0.113.9", proxy)       # not from our proxy: header ignored
    '203.0.113.9'
    >>> client_address("6.6.6.6, 198.51.100.7", None, proxy)  # through our proxy: its hop counts
    '198.51.100.7'
    """
    if not is_trusted(connection or LOOPBACK, trusted):
        return connection
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop, trusted):
            address = _address(hop)
            return str(address) if address is not None else hop
    return hops[0] if hops else connection
