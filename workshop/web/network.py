"""Find the laptop's address on the local network that phones can reach, by listing interfaces (no traffic)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Interfaces phones cannot reach: container bridges, virtual machines, VPN tunnels. Matched against
# both the system name (Linux/macOS) and the "nice" name (Windows).
_VIRTUAL = re.compile(
    r"^(docker|br-|veth|virbr|vboxnet|vmnet|lxcbr|lxdbr|cni|flannel|cali|podman|kube|tun|tap|wg|utun|"
    r"tailscale|zt|ppp|awdl|llw|anpi|bridge|gif|stf|ham)"
    r"|virtual|vethernet|vmware|hyper-v|loopback|wsl|bluetooth|tailscale|zerotier|wireguard|openvpn|tap-",
    re.IGNORECASE,
)
_WIRELESS = re.compile(r"^(wl|wlan|wi-?fi|wireless|en0$)|wi-?fi|wlan|wireless", re.IGNORECASE)
_WIRED = re.compile(r"^(en|eth|usb|rndis)|ethernet", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """An IPv4 address of this laptop that phones might reach, with how likely that is."""

    address: str
    interface: str
    score: int


def lan_candidates(adapters: Iterable[Any] | None = None) -> list[Candidate]:
    """Return this laptop's usable IPv4 addresses, most likely reachable first.

    `adapters` (ifaddr.Adapter-like: name, nice_name, ips with .ip) is for tests; by default the
    interfaces are listed with ifaddr. Loopback, link-local and virtual interfaces are left out.
    """
    if adapters is None:
        import ifaddr

        adapters = ifaddr.get_adapters()
    found: list[Candidate] = []
    for adapter in adapters:
        names = (str(adapter.name), str(getattr(adapter, "nice_name", "") or ""))
        if any(_VIRTUAL.search(name) for name in names if name):
            continue
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):  # ifaddr gives IPv6 as a tuple; phones on a hotspot use IPv4
                continue
            try:
                address = ipaddress.IPv4Address(ip.ip)
            except ValueError:
                continue
            if address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast:
                continue
            score = 4 if address.is_private else 1
            if address in ipaddress.IPv4Network("100.64.0.0/10"):
                score = 0  # carrier-grade NAT or a mesh VPN: rarely where the phones are
            if any(_WIRELESS.search(name) for name in names if name):
                score += 2
            elif any(_WIRED.search(name) for name in names if name):
                score += 1
            found.append(Candidate(address=str(address), interface=names[1] or names[0], score=score))
    return sorted(found, key=lambda c: -c.score)


def lan_address(override: str | None = None, adapters: Iterable[Any] | None = None) -> str | None:
    """Return the address to serve the phones on: `override` (--host) when given, else the best LAN address.

    Returns None when the laptop has no usable network; the caller then suggests a phone hotspot
    (message code web.no_lan).
    """
    if override:
        return override.strip()
    candidates = lan_candidates(adapters)
    return candidates[0].address if candidates else None
