"""Connections only to public addresses: requests' adapter for URL sources that resolves each
host itself and refuses private, loopback and link-local addresses, the first hop and every
redirect alike, unless the source allows private ones (then the plain adapter is used)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class PrivateAddressError(Exception):
    """A connection would have gone to a private, loopback or link-local address."""


def public_address(address: str) -> bool:
    """Whether an IP address is reachable on the public internet (not private, loopback,
    link-local, shared, multicast or reserved; IPv4 inside IPv6 is looked through).

    >>> [public_address(a) for a in ("93.184.215.14", "127.0.0.1", "169.254.169.254", "::1")]
    [True, False, False, False]
    """
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _PublicOnly:
    """A connection that resolves its host itself and connects only to a public address of
    it: the address checked is the address used, so a DNS answer that changes between the
    two (rebinding) gains nothing. TLS still checks the certificate against the host name."""

    host: str
    port: int
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        name = self._dns_host
        try:
            found = socket.getaddrinfo(name, self.port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            return super()._new_conn()  # type: ignore[misc, no-any-return]  # its own error
        addresses = [str(info[4][0]) for info in found]
        public = [a for a in addresses if public_address(a)]
        if not public:
            raise PrivateAddressError(
                f"{self.host} resolves to {', '.join(sorted(set(addresses)))}, a private,"
                " loopback or link-local address; set allow_private = true on the source if"
                " it really is the paper's own server"
            )
        self._dns_host = public[0]
        try:
            return super()._new_conn()  # type: ignore[misc, no-any-return]
        finally:
            self._dns_host = name


class _PublicHTTPConnection(_PublicOnly, HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicOnly, HTTPSConnection):
    pass


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class PublicOnlyAdapter(HTTPAdapter):
    """requests' adapter with every connection refused unless it goes to a public address."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PublicHTTPPool, "https": _PublicHTTPSPool,
        }  # fmt: skip
