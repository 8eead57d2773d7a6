"""The fetcher's TLS context (fetch/transport.py): what httpx makes by default, with the
certificate bundle read at the first handshake instead of at every start."""

from __future__ import annotations

import ssl

import httpx
import pytest

from aggregator.fetch.transport import VerifyingContext


def test_the_context_verifies_as_httpx_does_once_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    ours, theirs = VerifyingContext.from_environment(), httpx.create_ssl_context()
    assert ours.verify_mode == theirs.verify_mode == ssl.CERT_REQUIRED
    assert ours.check_hostname and theirs.check_hostname
    assert (ours.options, ours.verify_flags, ours.minimum_version) == (
        theirs.options,
        theirs.verify_flags,
        theirs.minimum_version,
    )
    assert ours.get_ca_certs() == []  # nothing read yet
    ours.load_certificates()
    ours.load_certificates()  # once only
    assert ours.get_ca_certs() == theirs.get_ca_certs()


def test_the_environment_chooses_the_bundle_when_the_context_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/bundle.pem")
    context = VerifyingContext.from_environment()
    monkeypatch.delenv("SSL_CERT_FILE")
    assert context.cafile == "/nonexistent/bundle.pem"
    with pytest.raises(OSError):
        context.load_certificates()  # the operator's missing bundle is an error, not certifi's
